"""Small builders over PyKMIP 0.10's message classes, shared by the sample modules."""

from kmip.core import attributes
from kmip.core import enums
from kmip.core import misc
from kmip.core import objects
from kmip.core.factories.attributes import AttributeFactory
from kmip.core.messages import contents
from kmip.core.messages import messages

KMIP_VERSIONS = {
    (1, 0): enums.KMIPVersion.KMIP_1_0,
    (1, 1): enums.KMIPVersion.KMIP_1_1,
    (1, 2): enums.KMIPVersion.KMIP_1_2,
    (1, 3): enums.KMIPVersion.KMIP_1_3,
    (1, 4): enums.KMIPVersion.KMIP_1_4,
    (2, 0): enums.KMIPVersion.KMIP_2_0,
}

# A fixed time stamp (2024-01-02T03:04:05Z) so the output does not change run to run.
TIME_STAMP = 1704164645

_attributes = AttributeFactory()


def attribute(name, value, index=None):
    """A 1.x Attribute structure built by PyKMIP's own factory."""
    return _attributes.create_attribute(name, value, index)


def template(*attrs, tag=enums.Tags.TEMPLATE_ATTRIBUTE):
    return objects.TemplateAttribute(attributes=list(attrs), tag=tag)


def request(version, items, authentication=None, maximum_response_size=None):
    """A Request Message; the header carries `version` and the batch count."""
    header = messages.RequestHeader(
        protocol_version=contents.ProtocolVersion(*version),
        maximum_response_size=(
            contents.MaximumResponseSize(maximum_response_size)
            if maximum_response_size is not None
            else None
        ),
        authentication=authentication,
        time_stamp=contents.TimeStamp(TIME_STAMP),
        batch_count=contents.BatchCount(len(items)),
    )
    return messages.RequestMessage(request_header=header, batch_items=items)


def request_item(operation, payload, batch_id=None):
    return messages.RequestBatchItem(
        operation=contents.Operation(operation),
        unique_batch_item_id=(
            contents.UniqueBatchItemID(batch_id) if batch_id is not None else None
        ),
        request_payload=payload,
    )


def response(version, items):
    header = messages.ResponseHeader(
        protocol_version=contents.ProtocolVersion(*version),
        time_stamp=contents.TimeStamp(TIME_STAMP),
        batch_count=contents.BatchCount(len(items)),
    )
    return messages.ResponseMessage(response_header=header, batch_items=items)


def response_item(operation, payload=None, status=enums.ResultStatus.SUCCESS,
                  reason=None, message=None, batch_id=None):
    return messages.ResponseBatchItem(
        operation=contents.Operation(operation) if operation is not None else None,
        unique_batch_item_id=(
            contents.UniqueBatchItemID(batch_id) if batch_id is not None else None
        ),
        result_status=contents.ResultStatus(status),
        result_reason=contents.ResultReason(reason) if reason is not None else None,
        result_message=contents.ResultMessage(message) if message is not None else None,
        response_payload=payload,
    )


def key_block(material, format_type=enums.KeyFormatType.RAW,
              algorithm=None, length=None):
    """A Key Block holding raw key material, as PyKMIP's ObjectFactory builds one."""
    return objects.KeyBlock(
        key_format_type=misc.KeyFormatType(format_type),
        key_value=objects.KeyValue(objects.KeyMaterial(material)),
        cryptographic_algorithm=(
            attributes.CryptographicAlgorithm(algorithm) if algorithm is not None else None
        ),
        cryptographic_length=(
            attributes.CryptographicLength(length) if length is not None else None
        ),
    )
