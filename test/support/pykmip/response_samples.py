"""Response messages built with PyKMIP 0.10's own classes, one function per sample.

Each function returns (message, (major, minor)), as request_samples does.
"""

from kmip.core import attributes
from kmip.core import enums
from kmip.core import secrets
from kmip.core.messages import contents
from kmip.core.messages import payloads

from message_builders import key_block, response, response_item

Op = enums.Operation
UID = "1f165d65-cbbd-4bd6-9867-80e0b390acf9"
AES_256 = bytes.fromhex("00112233445566778899aabbccddeeff" "ffeeddccbbaa99887766554433221100")


def get_response_symmetric_key():
    payload = payloads.GetResponsePayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY,
        unique_identifier=UID,
        secret=secrets.SymmetricKey(
            key_block(AES_256, algorithm=enums.CryptographicAlgorithm.AES, length=256)
        ),
    )
    return response((1, 2), [response_item(Op.GET, payload)]), (1, 2)


def create_response():
    payload = payloads.CreateResponsePayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY, unique_identifier=UID
    )
    return response((1, 0), [response_item(Op.CREATE, payload)]), (1, 0)


def locate_response():
    ids = ["1", "22", "333", "4444-4444", "55555-55555-55555"]
    payload = payloads.LocateResponsePayload(located_items=len(ids), unique_identifiers=ids)
    return response((1, 4), [response_item(Op.LOCATE, payload)]), (1, 4)


def query_response():
    payload = payloads.QueryResponsePayload(
        operations=[Op.CREATE, Op.GET, Op.DESTROY, Op.LOCATE, Op.QUERY],
        object_types=[enums.ObjectType.SYMMETRIC_KEY, enums.ObjectType.CERTIFICATE],
        vendor_identification="Keywarden interop",
        application_namespaces=["ssl", "keywarden"],
    )
    return response((1, 2), [response_item(Op.QUERY, payload)]), (1, 2)


def discover_versions_response():
    payload = payloads.DiscoverVersionsResponsePayload(protocol_versions=[
        contents.ProtocolVersion(2, 0),
        contents.ProtocolVersion(1, 4),
    ])
    return response((2, 0), [response_item(Op.DISCOVER_VERSIONS, payload)]), (2, 0)


def error_response():
    item = response_item(
        Op.GET,
        status=enums.ResultStatus.OPERATION_FAILED,
        reason=enums.ResultReason.ITEM_NOT_FOUND,
        message="Could not locate object: 1f165d65",
        batch_id=b"\x00\x01",
    )
    return response((1, 4), [item]), (1, 4)


def batch_response_mixed():
    items = [
        response_item(Op.ACTIVATE,
                      payloads.ActivateResponsePayload(
                          unique_identifier=attributes.UniqueIdentifier(UID)),
                      batch_id=b"\x01"),
        response_item(Op.DESTROY,
                      status=enums.ResultStatus.OPERATION_FAILED,
                      reason=enums.ResultReason.PERMISSION_DENIED,
                      message="denied",
                      batch_id=b"\x02"),
    ]
    return response((1, 2), items), (1, 2)


def get_response_secret_data_2_0():
    payload = payloads.GetResponsePayload(
        object_type=enums.ObjectType.SECRET_DATA,
        unique_identifier=UID,
        secret=secrets.SecretData(
            secret_data_type=secrets.SecretData.SecretDataType(enums.SecretDataType.SEED),
            key_block=key_block(b"seed-bytes", format_type=enums.KeyFormatType.OPAQUE),
        ),
    )
    return response((2, 0), [response_item(Op.GET, payload)]), (2, 0)


SAMPLES = [
    get_response_symmetric_key, create_response, locate_response, query_response,
    discover_versions_response, error_response, batch_response_mixed,
    get_response_secret_data_2_0,
]
