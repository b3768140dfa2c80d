"""Describes a PyKMIP object tree as a flat list of leaf fields.

Shared by encode_requests.py (the expectation: what the script put into PyKMIP's
objects) and decode_messages.py (what PyKMIP decoded). Both walk PyKMIP *objects*,
never TTLV bytes, so the TypeScript side compares our codec against PyKMIP's own
object model.

A field is {"path": [{"tag", "name", "index"}...], "type", "value"}: one per primitive,
plus one per empty Structure (value None). `index` counts earlier siblings with the
same tag, so repeated items (several Attributes, several Unique Identifiers) stay
apart. Values: Integer/Enumeration/Interval/DateTime -> int (DateTime in seconds),
LongInteger/BigInteger -> decimal string (JSON numbers lose precision past 2^53),
ByteString -> lower-case hex, TextString -> str, Boolean -> bool.

PyKMIP 0.10 keeps KMIP 2.0 payloads in their 1.x object form (TemplateAttribute,
attribute-name strings) and converts while writing or reading. `wire_view` and
`children` apply the same conversions, with PyKMIP's own converters, so that paths
follow the wire form: TemplateAttribute -> Attributes (Create, CreateKeyPair, Register,
DeriveKey), Locate's Attribute list -> Attributes, GetAttributes' Attribute Names ->
Attribute References. Other 2.0 payload conversions (Set/Modify/DeleteAttribute,
GetAttributeList responses) are not mirrored: samples in 2.0 avoid those payloads.
"""

import copy
import enum

from kmip.core import enums
from kmip.core import objects
from kmip.core import primitives
from kmip.core.messages import payloads

TYPE_NAMES = {
    enums.Types.STRUCTURE: "Structure",
    enums.Types.INTEGER: "Integer",
    enums.Types.LONG_INTEGER: "LongInteger",
    enums.Types.BIG_INTEGER: "BigInteger",
    enums.Types.ENUMERATION: "Enumeration",
    enums.Types.BOOLEAN: "Boolean",
    enums.Types.TEXT_STRING: "TextString",
    enums.Types.BYTE_STRING: "ByteString",
    enums.Types.DATE_TIME: "DateTime",
    enums.Types.INTERVAL: "Interval",
}


def describe_fields(root, kmip_version):
    """Flattens `root` (a PyKMIP Struct) into leaf fields, as written in `kmip_version`."""
    fields = []
    _walk(root, [_segment(root, 0)], kmip_version, fields)
    return fields


def _segment(obj, index):
    tag = enums.Tags(obj.tag)
    return {"tag": tag.value, "name": tag.name, "index": index}


def _walk(obj, parent_path, kmip_version, fields):
    obj = wire_view(obj, kmip_version)
    if obj.type is not enums.Types.STRUCTURE:
        field = {"path": parent_path, "type": TYPE_NAMES[obj.type], "value": leaf_value(obj)}
        if isinstance(obj.value, enum.Enum):
            # PyKMIP's name for the value, for a cross-check against our registry.
            field["enumName"] = obj.value.name
        fields.append(field)
        return
    kids = children(obj, kmip_version)
    if not kids:
        fields.append({"path": parent_path, "type": "Structure", "value": None})
        return
    seen = {}
    for kid in kids:
        kid = wire_view(kid, kmip_version)
        index = seen.get(kid.tag.value, 0)
        seen[kid.tag.value] = index + 1
        _walk(kid, parent_path + [_segment(kid, index)], kmip_version, fields)


def children(obj, kmip_version):
    """The encodable members of a Struct, in attribute order (lists flattened)."""
    out = []
    for value in vars(obj).values():
        if isinstance(value, primitives.Base):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            out.extend(v for v in value if isinstance(v, primitives.Base))
    if (
        kmip_version >= enums.KMIPVersion.KMIP_2_0
        and isinstance(obj, payloads.LocateRequestPayload)
    ):
        # PyKMIP 0.10 writes Locate's 1.x Attribute list as one 2.0 Attributes structure.
        attrs = [v for v in out if isinstance(v, objects.Attribute)]
        out = [v for v in out if not isinstance(v, objects.Attribute)]
        if attrs:
            template = objects.TemplateAttribute(attributes=copy.deepcopy(attrs))
            out.append(objects.convert_template_attribute_to_attributes(template))
    if (
        kmip_version >= enums.KMIPVersion.KMIP_2_0
        and isinstance(obj, payloads.GetAttributesRequestPayload)
    ):
        # PyKMIP 0.10 writes each 2.0 Attribute Name as an Attribute Reference enumeration.
        out = [_attribute_reference(v) if v.tag is enums.Tags.ATTRIBUTE_NAME else v for v in out]
    return out


def _attribute_reference(name):
    return primitives.Enumeration(
        enums.Tags,
        value=enums.convert_attribute_name_to_tag(name.value),
        tag=enums.Tags.ATTRIBUTE_REFERENCE,
    )


def wire_view(obj, kmip_version):
    """The object PyKMIP writes for `obj` in `kmip_version` (2.0 conversions applied)."""
    if kmip_version < enums.KMIPVersion.KMIP_2_0:
        return obj
    if isinstance(obj, objects.TemplateAttribute):
        # Deep copy: the converter retags the attribute values in place.
        return objects.convert_template_attribute_to_attributes(copy.deepcopy(obj))
    return obj


def leaf_value(obj):
    value = obj.value
    if isinstance(value, enum.Enum):
        value = value.value
    if obj.type in (enums.Types.LONG_INTEGER, enums.Types.BIG_INTEGER):
        return str(value)
    if obj.type is enums.Types.BYTE_STRING:
        return bytes(value).hex()
    if obj.type is enums.Types.BOOLEAN:
        return bool(value)
    return value
