"""Sends hand-built KMIP request messages with PyKMIP 0.10's KMIPProxy; prints JSON.

For the real-client workloads (test/interop/clients/): each message is built from PyKMIP's
own payload classes as the product builds it (its protocol version, its batch, its
attributes, an optional Username and Password credential), sent over one TLS connection,
and the response is parsed by PyKMIP's ResponseMessage as the product's KMIP library would
parse it. The raw response bytes are returned too, so the TypeScript side can check every
tag and attribute name against the registry for the message's version.

Usage: echo '<input>' | /usr/bin/python3 raw_messages.py

Input: {"host", "port", "certfile", "keyfile", "ca_certs", "timeout"?: 30,
        "messages": [{"version": "1.1", "credential"?: {"username", "password"},
                      "items": [{"operation": "Create", "batch_item_id"?: "01",
                                 ...payload arguments}]}]}
A string "$m" or "$m.i" anywhere in an item's arguments stands for the Unique Identifier
that item i (default 0) of message m answered with. Enumerations are PyKMIP member names
("AES", "SECRET_DATA"), bytes are hex strings. Payload arguments per operation:
  Create {object_type, attributes: [{name, value, index?}]}
  Register {object_type, attributes, object: {type: SecretData|SymmetricKey, value (hex),
            key_format_type, secret_data_type?, algorithm?, length?}}
  Activate / Destroy / GetAttributeList {uid?}; Get {uid?, key_format_type?}
  GetAttributes {uid?, names?}; Locate {attributes, maximum_items?}
  Revoke {uid?, reason, message?}; ModifyAttribute {uid?, name, value, index?}
  Query {functions}; DiscoverVersions {versions?: [[1, 2], ...]}
  Encrypt / Decrypt {uid, params: {block_cipher_mode, padding_method, cryptographic_algorithm,
            random_iv?}, data (hex), iv? (hex)}
Attribute values as in client_ops.py (usage masks as lists of names, "x-" names as text).

Output, one entry per message:
  {"version", "response_hex", "parsed": true, "items": [{"operation", "batch_item_id",
   "result_status",
   "result_reason", "result_message", "payload": {...}}]}
  or {"version", "response_hex", "parsed": false, "error"} when PyKMIP could not read it;
  {"version", "error"} when nothing came back. The connection is opened once.
"""

import json
import os
import re
import sys

from kmip.core import attributes as cattrs
from kmip.core import enums
from kmip.core import misc
from kmip.core import objects as cobjects
from kmip.core import primitives
from kmip.core import secrets
from kmip.core.messages import contents
from kmip.core.messages import messages
from kmip.core.messages import payloads
from kmip.services.kmip_client import KMIPProxy

from client_ops import (
    attribute_json,
    enum_member,
    hex_bytes,
    kmip_version,
    make_attribute,
    to_json,
)

REFERENCE = re.compile(r"^\$(\d+)(?:\.(\d+))?$")


def uid(a):
    return a.get("uid")


def unique_identifier(a):
    value = uid(a)
    return None if value is None else cattrs.UniqueIdentifier(value)


def template(a):
    return cobjects.TemplateAttribute(attributes=[
        make_attribute(x["name"], x["value"], x.get("index")) for x in a.get("attributes", [])])


def key_block(o):
    algorithm = o.get("algorithm")
    length = o.get("length")
    return cobjects.KeyBlock(
        key_format_type=misc.KeyFormatType(enum_member(enums.KeyFormatType, o["key_format_type"])),
        key_value=cobjects.KeyValue(key_material=cobjects.KeyMaterial(hex_bytes(o["value"]))),
        cryptographic_algorithm=None if algorithm is None else cattrs.CryptographicAlgorithm(
            enum_member(enums.CryptographicAlgorithm, algorithm)),
        cryptographic_length=None if length is None else cattrs.CryptographicLength(length))


def managed_object(o):
    if o["type"] == "SecretData":
        return secrets.SecretData(
            secret_data_type=secrets.SecretData.SecretDataType(
                enum_member(enums.SecretDataType, o.get("secret_data_type", "SEED"))),
            key_block=key_block(o))
    if o["type"] == "SymmetricKey":
        return secrets.SymmetricKey(key_block=key_block(o))
    raise ValueError("unknown object type {0!r}".format(o["type"]))


def crypto_parameters(p):
    def member(kind, key):
        return None if p.get(key) is None else enum_member(kind, p[key])
    return cattrs.CryptographicParameters(
        block_cipher_mode=member(enums.BlockCipherMode, "block_cipher_mode"),
        padding_method=member(enums.PaddingMethod, "padding_method"),
        cryptographic_algorithm=member(enums.CryptographicAlgorithm, "cryptographic_algorithm"),
        random_iv=p.get("random_iv"))


BUILDERS = {
    "Create": lambda a: payloads.CreateRequestPayload(
        object_type=enum_member(enums.ObjectType, a["object_type"]), template_attribute=template(a)),
    "Register": lambda a: payloads.RegisterRequestPayload(
        object_type=enum_member(enums.ObjectType, a["object_type"]),
        template_attribute=template(a), managed_object=managed_object(a["object"])),
    "Activate": lambda a: payloads.ActivateRequestPayload(unique_identifier=unique_identifier(a)),
    "Destroy": lambda a: payloads.DestroyRequestPayload(unique_identifier=unique_identifier(a)),
    "GetAttributeList": lambda a: payloads.GetAttributeListRequestPayload(unique_identifier=uid(a)),
    "Get": lambda a: payloads.GetRequestPayload(
        unique_identifier=uid(a), key_format_type=None if a.get("key_format_type") is None
        else enum_member(enums.KeyFormatType, a["key_format_type"])),
    "GetAttributes": lambda a: payloads.GetAttributesRequestPayload(
        unique_identifier=uid(a), attribute_names=a.get("names")),
    "Locate": lambda a: payloads.LocateRequestPayload(
        maximum_items=a.get("maximum_items"),
        attributes=[make_attribute(x["name"], x["value"]) for x in a.get("attributes", [])]),
    "Revoke": lambda a: payloads.RevokeRequestPayload(
        unique_identifier=unique_identifier(a), revocation_reason=cobjects.RevocationReason(
            code=enum_member(enums.RevocationReasonCode, a["reason"]), message=a.get("message"))),
    "ModifyAttribute": lambda a: payloads.ModifyAttributeRequestPayload(
        unique_identifier=uid(a), attribute=make_attribute(a["name"], a["value"], a.get("index"))),
    "Query": lambda a: payloads.QueryRequestPayload(
        [enum_member(enums.QueryFunction, n) for n in a["functions"]]),
    "DiscoverVersions": lambda a: payloads.DiscoverVersionsRequestPayload(
        [contents.ProtocolVersion(*v) for v in a.get("versions", [])] or None),
    "Encrypt": lambda a: payloads.EncryptRequestPayload(
        unique_identifier=uid(a), cryptographic_parameters=crypto_parameters(a["params"]),
        data=hex_bytes(a["data"]), iv_counter_nonce=hex_bytes(a.get("iv"))),
    "Decrypt": lambda a: payloads.DecryptRequestPayload(
        unique_identifier=uid(a), cryptographic_parameters=crypto_parameters(a["params"]),
        data=hex_bytes(a["data"]), iv_counter_nonce=hex_bytes(a.get("iv"))),
}

# Response payload members reported as they are (to_json), by PyKMIP's attribute name.
PLAIN_MEMBERS = ("unique_identifiers", "located_items", "data", "iv_counter_nonce",
                 "vendor_identification", "server_information", "protocol_versions")


def operation_enum(name):
    return enums.Operation[re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()]


def describe_payload(payload):
    """The parts of a parsed response payload the tests look at."""
    if payload is None:
        return None
    out = {}
    value = getattr(payload, "unique_identifier", None)
    if value is not None:
        out["uid"] = to_json(value)
    for member in PLAIN_MEMBERS:
        value = getattr(payload, member, None)
        if value is not None:
            out[member] = to_json(value)
    for member in ("operations", "object_types"):
        value = getattr(payload, member, None)
        if value:
            # PyKMIP keeps these as enum members (or as Enumeration primitives).
            out[member] = [to_json(v) for v in value]
    listed = getattr(payload, "attributes", None)
    if isinstance(listed, list):
        out["attributes"] = [attribute_json(x) for x in listed]
    single = getattr(payload, "attribute", None)
    if isinstance(single, cobjects.Attribute):
        out["attribute"] = attribute_json(single)
    if isinstance(payload, payloads.GetResponsePayload):
        block = payload.secret.key_block
        out["object_type"] = payload.object_type.name
        out["key_format_type"] = block.key_format_type.value.name
        out["key_material"] = to_json(block.key_value.key_material.value)
    return out


def resolve(value, results):
    """Replaces "$m" / "$m.i" strings (recursively) with the Unique Identifier answered."""
    if isinstance(value, str):
        match = REFERENCE.match(value)
        if match is None:
            return value
        message = results[int(match.group(1))]
        item = message["items"][int(match.group(2) or 0)]
        return item["payload"]["uid"]
    if isinstance(value, list):
        return [resolve(v, results) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, results) for k, v in value.items()}
    return value


def exchange(proxy, spec, results):
    version = spec["version"]
    proxy.kmip_version = kmip_version(version)
    items = []
    for item in spec["items"]:
        args = resolve({k: v for k, v in item.items() if k not in ("operation", "batch_item_id")},
                       results)
        batch_item_id = item.get("batch_item_id")
        items.append(messages.RequestBatchItem(
            operation=primitives.Enumeration(
                enums.Operation, operation_enum(item["operation"]), tag=enums.Tags.OPERATION),
            unique_batch_item_id=None if batch_item_id is None else contents.UniqueBatchItemID(
                hex_bytes(batch_item_id)),
            request_payload=BUILDERS[item["operation"]](args)))
    credential = spec.get("credential")
    built = None if credential is None else proxy.credential_factory.create_credential(
        enums.CredentialType.USERNAME_AND_PASSWORD,
        {"Username": credential["username"], "Password": credential["password"]})
    proxy._send_message(proxy._build_request_message(built, items))
    data = proxy._receive_message()
    out = {"version": version, "response_hex": bytes(data.buffer).hex()}
    response = messages.ResponseMessage()
    try:
        response.read(data, proxy.kmip_version)
    except Exception as error:  # what the product's parser would choke on
        out.update(parsed=False, error="{0}: {1}".format(type(error).__name__, error))
        return out
    out["parsed"] = True
    out["items"] = [{
        "operation": None if i.operation is None else i.operation.value.name,
        "batch_item_id": None if i.unique_batch_item_id is None
        else to_json(i.unique_batch_item_id.value),
        "result_status": i.result_status.value.name,
        "result_reason": None if i.result_reason is None else i.result_reason.value.name,
        "result_message": None if i.result_message is None else i.result_message.value,
        "payload": describe_payload(i.response_payload),
    } for i in response.batch_items]
    return out


def main():
    request = json.load(sys.stdin)
    proxy = KMIPProxy(
        host=request["host"], port=int(request["port"]), certfile=request["certfile"],
        keyfile=request["keyfile"], ca_certs=request["ca_certs"],
        ssl_version="PROTOCOL_TLS", config_file=os.devnull)
    proxy.timeout = int(request.get("timeout", 30))
    proxy.open()
    results = []
    try:
        for spec in request["messages"]:
            try:
                results.append(exchange(proxy, spec, results))
            except Exception as error:  # a failure ends the sequence: the product would stop
                results.append({"version": spec["version"],
                                "error": "{0}: {1}".format(type(error).__name__, error)})
                break
    finally:
        proxy.close()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
