"""Request messages built with PyKMIP 0.10's own classes, one function per sample.

Each function returns (message, (major, minor)); encode_requests.py writes the message
in that protocol version. Values are fixed so the output is the same on every run.
"""

from kmip.core import attributes
from kmip.core import enums
from kmip.core import objects
from kmip.core import primitives
from kmip.core import secrets
from kmip.core.messages import contents
from kmip.core.messages import payloads
from kmip.core.messages.payloads import base
from kmip.core.utils import BytearrayStream

from message_builders import attribute, key_block, request, request_item, template

A = enums.AttributeType
Op = enums.Operation
UID = "1f165d65-cbbd-4bd6-9867-80e0b390acf9"
UID2 = "4c3a2a3e-9b3f-4cdb-8e0e-1bd1a4b9d0f2"
AES_KEY = bytes.fromhex("0123456789abcdeffedcba9876543210")
USAGE_ENCRYPT_DECRYPT = [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT]


class AddAttributeRequestPayload(base.RequestPayload):
    """PyKMIP 0.10 has no AddAttribute payload; this one writes PyKMIP's own fields."""

    def __init__(self, unique_identifier, attribute_):
        super().__init__()
        self.unique_identifier = attributes.UniqueIdentifier(unique_identifier)
        self.attribute = attribute_

    def write(self, ostream, kmip_version=enums.KMIPVersion.KMIP_1_0):
        inner = BytearrayStream()
        self.unique_identifier.write(inner, kmip_version=kmip_version)
        self.attribute.write(inner, kmip_version=kmip_version)
        self.length = inner.length()
        super().write(ostream, kmip_version=kmip_version)
        ostream.write(inner.buffer)


def aes_create_template():
    return template(
        attribute(A.CRYPTOGRAPHIC_ALGORITHM, enums.CryptographicAlgorithm.AES),
        attribute(A.CRYPTOGRAPHIC_LENGTH, 256),
        attribute(A.CRYPTOGRAPHIC_USAGE_MASK, USAGE_ENCRYPT_DECRYPT),
        attribute(A.NAME, "keywarden-interop-aes"),
    )


def create_aes_1_2():
    credential = objects.Credential(
        credential_type=enums.CredentialType.USERNAME_AND_PASSWORD,
        credential_value=objects.UsernamePasswordCredential(username="alice", password="s3cret"),
    )
    payload = payloads.CreateRequestPayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY, template_attribute=aes_create_template()
    )
    auth = contents.Authentication(credentials=[credential])
    return request((1, 2), [request_item(Op.CREATE, payload)], authentication=auth,
                   maximum_response_size=4096), (1, 2)


def create_aes_2_0():
    payload = payloads.CreateRequestPayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY, template_attribute=aes_create_template()
    )
    return request((2, 0), [request_item(Op.CREATE, payload)]), (2, 0)


def create_key_pair_rsa():
    payload = payloads.CreateKeyPairRequestPayload(
        common_template_attribute=template(
            attribute(A.CRYPTOGRAPHIC_ALGORITHM, enums.CryptographicAlgorithm.RSA),
            attribute(A.CRYPTOGRAPHIC_LENGTH, 2048),
            tag=enums.Tags.COMMON_TEMPLATE_ATTRIBUTE,
        ),
        private_key_template_attribute=template(
            attribute(A.NAME, "rsa-private"),
            attribute(A.CRYPTOGRAPHIC_USAGE_MASK, [enums.CryptographicUsageMask.SIGN]),
            tag=enums.Tags.PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
        ),
        public_key_template_attribute=template(
            attribute(A.NAME, "rsa-public"),
            attribute(A.CRYPTOGRAPHIC_USAGE_MASK, [enums.CryptographicUsageMask.VERIFY]),
            tag=enums.Tags.PUBLIC_KEY_TEMPLATE_ATTRIBUTE,
        ),
    )
    return request((1, 4), [request_item(Op.CREATE_KEY_PAIR, payload)]), (1, 4)


def register_symmetric_key():
    key = secrets.SymmetricKey(
        key_block(AES_KEY, algorithm=enums.CryptographicAlgorithm.AES, length=128)
    )
    payload = payloads.RegisterRequestPayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY,
        template_attribute=template(
            attribute(A.CRYPTOGRAPHIC_USAGE_MASK, USAGE_ENCRYPT_DECRYPT),
            attribute(A.ACTIVATION_DATE, 1735689600),
        ),
        managed_object=key,
    )
    return request((1, 2), [request_item(Op.REGISTER, payload)]), (1, 2)


def register_secret_data():
    secret = secrets.SecretData(
        secret_data_type=secrets.SecretData.SecretDataType(enums.SecretDataType.PASSWORD),
        key_block=key_block(b"correct horse battery", format_type=enums.KeyFormatType.OPAQUE),
    )
    payload = payloads.RegisterRequestPayload(
        object_type=enums.ObjectType.SECRET_DATA,
        template_attribute=template(attribute(A.NAME, "db-password")),
        managed_object=secret,
    )
    return request((1, 1), [request_item(Op.REGISTER, payload)]), (1, 1)


def register_certificate():
    # A DER prefix of odd length, so the Byte String needs padding.
    der = bytes.fromhex("308201a63082010fa003020102020900f0e1d2c3b4a59687300d06092a864886f70d0101")
    cert = secrets.Certificate(certificate_type=enums.CertificateType.X_509, certificate_value=der)
    payload = payloads.RegisterRequestPayload(
        object_type=enums.ObjectType.CERTIFICATE,
        template_attribute=template(attribute(A.NAME, "server-cert")),
        managed_object=cert,
    )
    return request((1, 0), [request_item(Op.REGISTER, payload)]), (1, 0)


def register_split_key():
    # Prime field size 2^64 + 13: 65 bits, so PyKMIP writes a 16-byte Big Integer.
    split = secrets.SplitKey(
        split_key_parts=3,
        key_part_identifier=1,
        split_key_threshold=2,
        split_key_method=enums.SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD,
        prime_field_size=2**64 + 13,
        key_block=key_block(AES_KEY, algorithm=enums.CryptographicAlgorithm.AES, length=128),
    )
    payload = payloads.RegisterRequestPayload(
        object_type=enums.ObjectType.SPLIT_KEY,
        template_attribute=template(attribute(A.NAME, "split-part-1")),
        managed_object=split,
    )
    return request((1, 2), [request_item(Op.REGISTER, payload)]), (1, 2)


def get_with_format():
    payload = payloads.GetRequestPayload(
        unique_identifier=UID,
        key_format_type=enums.KeyFormatType.RAW,
        key_compression_type=enums.KeyCompressionType.EC_PUBLIC_KEY_TYPE_UNCOMPRESSED,
    )
    return request((1, 0), [request_item(Op.GET, payload)]), (1, 0)


def get_attributes_1_2():
    payload = payloads.GetAttributesRequestPayload(
        unique_identifier=UID,
        attribute_names=["Cryptographic Algorithm", "Cryptographic Length", "State"],
    )
    return request((1, 2), [request_item(Op.GET_ATTRIBUTES, payload)]), (1, 2)


def get_attributes_2_0():
    payload = payloads.GetAttributesRequestPayload(
        unique_identifier=UID, attribute_names=["Cryptographic Algorithm", "Name"]
    )
    return request((2, 0), [request_item(Op.GET_ATTRIBUTES, payload)]), (2, 0)


def get_attribute_list():
    payload = payloads.GetAttributeListRequestPayload(unique_identifier=UID)
    return request((1, 4), [request_item(Op.GET_ATTRIBUTE_LIST, payload)]), (1, 4)


def add_attribute():
    contact = attribute(A.CONTACT_INFORMATION, "secops@example.com")
    payload = AddAttributeRequestPayload(UID, contact)
    return request((1, 2), [request_item(Op.ADD_ATTRIBUTE, payload)]), (1, 2)


def modify_attribute():
    payload = payloads.ModifyAttributeRequestPayload(
        unique_identifier=UID, attribute=attribute(A.NAME, "renamed-key", index=0)
    )
    return request((1, 2), [request_item(Op.MODIFY_ATTRIBUTE, payload)]), (1, 2)


def delete_attribute():
    payload = payloads.DeleteAttributeRequestPayload(
        unique_identifier=UID, attribute_name="Contact Information", attribute_index=1
    )
    return request((1, 4), [request_item(Op.DELETE_ATTRIBUTE, payload)]), (1, 4)


def locate_1_4():
    payload = payloads.LocateRequestPayload(
        maximum_items=16,
        offset_items=2,
        storage_status_mask=enums.StorageStatusMask.ONLINE_STORAGE.value,
        attributes=[
            attribute(A.OBJECT_TYPE, enums.ObjectType.SYMMETRIC_KEY),
            attribute(A.NAME, "keywarden-interop-aes"),
        ],
    )
    return request((1, 4), [request_item(Op.LOCATE, payload)]), (1, 4)


def locate_2_0():
    payload = payloads.LocateRequestPayload(
        maximum_items=1,
        attributes=[
            attribute(A.OBJECT_TYPE, enums.ObjectType.PRIVATE_KEY),
            attribute(A.CRYPTOGRAPHIC_ALGORITHM, enums.CryptographicAlgorithm.RSA),
        ],
    )
    return request((2, 0), [request_item(Op.LOCATE, payload)]), (2, 0)


def activate():
    payload = payloads.ActivateRequestPayload(unique_identifier=attributes.UniqueIdentifier(UID))
    return request((1, 0), [request_item(Op.ACTIVATE, payload)]), (1, 0)


def revoke():
    payload = payloads.RevokeRequestPayload(
        unique_identifier=attributes.UniqueIdentifier(UID),
        revocation_reason=objects.RevocationReason(
            code=enums.RevocationReasonCode.KEY_COMPROMISE, message="laptop stolen"
        ),
        compromise_occurrence_date=primitives.DateTime(
            1700000000, tag=enums.Tags.COMPROMISE_OCCURRENCE_DATE
        ),
    )
    return request((1, 1), [request_item(Op.REVOKE, payload)]), (1, 1)


def destroy_2_0():
    payload = payloads.DestroyRequestPayload(unique_identifier=attributes.UniqueIdentifier(UID))
    return request((2, 0), [request_item(Op.DESTROY, payload)]), (2, 0)


def query():
    payload = payloads.QueryRequestPayload(query_functions=[
        enums.QueryFunction.QUERY_OPERATIONS,
        enums.QueryFunction.QUERY_OBJECTS,
        enums.QueryFunction.QUERY_SERVER_INFORMATION,
    ])
    return request((1, 2), [request_item(Op.QUERY, payload)]), (1, 2)


def discover_versions():
    payload = payloads.DiscoverVersionsRequestPayload(protocol_versions=[
        contents.ProtocolVersion(2, 0),
        contents.ProtocolVersion(1, 4),
        contents.ProtocolVersion(1, 2),
        contents.ProtocolVersion(1, 0),
    ])
    return request((1, 1), [request_item(Op.DISCOVER_VERSIONS, payload)]), (1, 1)


def encrypt():
    payload = payloads.EncryptRequestPayload(
        unique_identifier=UID,
        cryptographic_parameters=attributes.CryptographicParameters(
            block_cipher_mode=enums.BlockCipherMode.CBC,
            padding_method=enums.PaddingMethod.PKCS5,
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
            random_iv=False,
        ),
        data=b"attack at dawn",
        iv_counter_nonce=bytes(range(16)),
    )
    return request((1, 2), [request_item(Op.ENCRYPT, payload)]), (1, 2)


def decrypt_gcm():
    payload = payloads.DecryptRequestPayload(
        unique_identifier=UID,
        cryptographic_parameters=attributes.CryptographicParameters(
            block_cipher_mode=enums.BlockCipherMode.GCM,
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
            tag_length=16,
        ),
        data=bytes.fromhex("deadbeefcafe0123"),
        iv_counter_nonce=bytes(12),
        auth_additional_data=b"header",
        auth_tag=bytes(range(16)),
    )
    return request((1, 4), [request_item(Op.DECRYPT, payload)]), (1, 4)


def sign():
    payload = payloads.SignRequestPayload(
        unique_identifier=UID2,
        cryptographic_parameters=attributes.CryptographicParameters(
            padding_method=enums.PaddingMethod.PSS,
            hashing_algorithm=enums.HashingAlgorithm.SHA_256,
            digital_signature_algorithm=enums.DigitalSignatureAlgorithm.SHA256_WITH_RSA_ENCRYPTION,
        ),
        data=b"message to sign",
    )
    return request((1, 2), [request_item(Op.SIGN, payload)]), (1, 2)


def signature_verify():
    payload = payloads.SignatureVerifyRequestPayload(
        unique_identifier=UID2,
        cryptographic_parameters=attributes.CryptographicParameters(
            cryptographic_algorithm=enums.CryptographicAlgorithm.RSA,
            hashing_algorithm=enums.HashingAlgorithm.SHA_256,
        ),
        data=b"message to sign",
        signature_data=bytes(range(32)),
    )
    return request((1, 2), [request_item(Op.SIGNATURE_VERIFY, payload)]), (1, 2)


def mac():
    payload = payloads.MACRequestPayload(
        unique_identifier=attributes.UniqueIdentifier(UID),
        cryptographic_parameters=attributes.CryptographicParameters(
            cryptographic_algorithm=enums.CryptographicAlgorithm.HMAC_SHA256
        ),
        data=objects.Data(b"mac me"),
    )
    return request((1, 2), [request_item(Op.MAC, payload)]), (1, 2)


def derive_key():
    payload = payloads.DeriveKeyRequestPayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY,
        unique_identifiers=[UID, UID2],
        derivation_method=enums.DerivationMethod.PBKDF2,
        derivation_parameters=attributes.DerivationParameters(
            cryptographic_parameters=attributes.CryptographicParameters(
                hashing_algorithm=enums.HashingAlgorithm.SHA_256
            ),
            salt=b"NaCl-salt",
            iteration_count=4096,
        ),
        template_attribute=template(
            attribute(A.CRYPTOGRAPHIC_ALGORITHM, enums.CryptographicAlgorithm.AES),
            attribute(A.CRYPTOGRAPHIC_LENGTH, 128),
        ),
    )
    return request((1, 2), [request_item(Op.DERIVE_KEY, payload)]), (1, 2)


def check():
    payload = payloads.CheckRequestPayload(
        unique_identifier=UID,
        usage_limits_count=5000000000,
        cryptographic_usage_mask=int(enums.CryptographicUsageMask.ENCRYPT.value),
        lease_time=3600,
    )
    return request((1, 3), [request_item(Op.CHECK, payload)]), (1, 3)


def batch_activate_get():
    items = [
        request_item(Op.ACTIVATE,
                     payloads.ActivateRequestPayload(attributes.UniqueIdentifier(UID)),
                     batch_id=b"\x01"),
        request_item(Op.GET,
                     payloads.GetRequestPayload(unique_identifier=UID,
                                                key_format_type=enums.KeyFormatType.RAW),
                     batch_id=b"\x02"),
    ]
    return request((1, 2), items), (1, 2)


SAMPLES = [
    create_aes_1_2, create_aes_2_0, create_key_pair_rsa, register_symmetric_key,
    register_secret_data, register_certificate, register_split_key, get_with_format,
    get_attributes_1_2, get_attributes_2_0, get_attribute_list, add_attribute,
    modify_attribute, delete_attribute, locate_1_4, locate_2_0, activate, revoke,
    destroy_2_0, query, discover_versions, encrypt, decrypt_gcm, sign, signature_verify,
    mac, derive_key, check, batch_activate_get,
]
