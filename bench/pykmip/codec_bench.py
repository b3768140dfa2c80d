"""PyKMIP 0.10 codec baseline for Keywarden's codec benchmark (bench/suites/kmip-codec.bench.ts).

Reads one JSON object on stdin: the message fixture (bench/kmip/codec-messages.ts) and the
timing options. Builds the same three KMIP 1.4 messages with PyKMIP's own classes, times
encode (Struct.write into a BytearrayStream) and decode (Struct.read from one), and prints one
JSON object on stdout: the bytes PyKMIP wrote for each message (hex) and the timings.
The runner checks those bytes against Keywarden's decoder; this script never asserts.

Run it with Debian's interpreter, /usr/bin/python3, where python3-pykmip is installed.
"""

import gc
import json
import platform
import sys
import time

try:
    import kmip
    from kmip.core import attributes, enums, misc, objects, secrets
    from kmip.core.messages import contents, messages
    from kmip.core.messages.payloads import encrypt, get, locate
    from kmip.core.utils import BytearrayStream
except ImportError as e:  # the runner reports PyKMIP as absent and carries on
    json.dump({"error": "PyKMIP is not importable: %s" % e}, sys.stdout)
    sys.exit(0)

KMIP_1_4 = enums.KMIPVersion.KMIP_1_4


def response_message(fixture, operation, payload):
    # KMIP 1.4 section 7.2: Protocol Version, Time Stamp, Batch Count; built as
    # PyKMIP's server engine does in KmipEngine._build_response.
    header = messages.ResponseHeader(
        protocol_version=contents.ProtocolVersion(1, 4),
        time_stamp=contents.TimeStamp(fixture["timeStamp"]),
        batch_count=contents.BatchCount(1),
    )
    batch_item = messages.ResponseBatchItem(
        operation=contents.Operation(operation),
        result_status=contents.ResultStatus(enums.ResultStatus.SUCCESS),
        response_payload=payload,
    )
    return messages.ResponseMessage(response_header=header, batch_items=[batch_item])


def build_get_response(fixture):
    # As kmip.pie.factory.ObjectFactory._build_core_key builds a Raw symmetric key.
    key_block = objects.KeyBlock(
        key_format_type=misc.KeyFormatType(enums.KeyFormatType.RAW),
        key_value=objects.KeyValue(
            objects.KeyMaterial(bytes.fromhex(fixture["keyMaterialHex"]))
        ),
        cryptographic_algorithm=attributes.CryptographicAlgorithm(
            enums.CryptographicAlgorithm.AES
        ),
        cryptographic_length=attributes.CryptographicLength(256),
    )
    payload = get.GetResponsePayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY,
        unique_identifier=fixture["keyId"],
        secret=secrets.SymmetricKey(key_block),
    )
    return response_message(fixture, enums.Operation.GET, payload)


def build_locate_response(fixture):
    ids = fixture["locatedIds"]
    payload = locate.LocateResponsePayload(
        located_items=len(ids), unique_identifiers=list(ids)
    )
    return response_message(fixture, enums.Operation.LOCATE, payload)


def build_encrypt_request(fixture):
    header = messages.RequestHeader(
        protocol_version=contents.ProtocolVersion(1, 4),
        batch_count=contents.BatchCount(1),
    )
    payload = encrypt.EncryptRequestPayload(
        unique_identifier=fixture["keyId"],
        cryptographic_parameters=attributes.CryptographicParameters(
            block_cipher_mode=enums.BlockCipherMode.CBC,
            padding_method=enums.PaddingMethod.PKCS5,
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
        ),
        data=bytes.fromhex(fixture["dataHex"]),
        iv_counter_nonce=bytes.fromhex(fixture["ivHex"]),
    )
    batch_item = messages.RequestBatchItem(
        operation=contents.Operation(enums.Operation.ENCRYPT),
        request_payload=payload,
    )
    return messages.RequestMessage(request_header=header, batch_items=[batch_item])


def encoder(message):
    def encode():
        stream = BytearrayStream()
        message.write(stream, kmip_version=KMIP_1_4)
        return stream.buffer

    return encode


def decoder(message_class, data):
    def decode():
        # read() switches to the version named in the message header itself.
        message = message_class()
        message.read(BytearrayStream(data))
        return message

    return decode


def percentile(sorted_values, p):
    """Nearest-rank percentile (p in 1..100) over per-batch mean times, as the Node side."""
    rank = -(-p * len(sorted_values) // 100)  # ceil without floats
    return sorted_values[min(len(sorted_values) - 1, max(0, rank - 1))]


def measure(fn, budget, warmup, min_sample):
    """Times fn like bench/lib/measure.ts: warm up, size batches, sample until the budget."""
    gc.collect()  # as the Node side collects between cases
    ops = 0
    start = time.perf_counter()
    while True:
        fn()
        ops += 1
        elapsed = time.perf_counter() - start
        if elapsed >= warmup:
            break
    batch = max(1, int(round(min_sample / (elapsed / ops))))

    samples = []
    total_ops = 0
    total_time = 0.0
    while total_time < budget:
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        dt = time.perf_counter() - t0
        samples.append(dt / batch)
        total_ops += batch
        total_time += dt

    samples.sort()
    return {
        "ops": total_ops,
        "samples": len(samples),
        "batchSize": batch,
        "totalNs": total_time * 1e9,
        "meanNs": total_time / total_ops * 1e9,
        "p50Ns": percentile(samples, 50) * 1e9,
        "p99Ns": percentile(samples, 99) * 1e9,
        "opsPerSec": total_ops / total_time,
    }


def main():
    request = json.load(sys.stdin)
    fixture = request["fixture"]
    budget = request["timeBudgetMs"] / 1000.0
    warmup = request["warmupMs"] / 1000.0
    min_sample = request["minSampleMs"] / 1000.0
    # The runner names the operations its selected cases compare with; absent means all.
    keys = request.get("keys")

    cases = [
        ("get-response", build_get_response(fixture), messages.ResponseMessage),
        ("locate-response", build_locate_response(fixture), messages.ResponseMessage),
        ("encrypt-request", build_encrypt_request(fixture), messages.RequestMessage),
    ]
    encoded = {}
    results = {}
    for name, message, message_class in cases:
        data = encoder(message)()
        encoded[name] = data.hex()
        operations = [("encode", encoder(message)), ("decode", decoder(message_class, data))]
        for operation, fn in operations:
            key = name + "/" + operation
            if keys is None or key in keys:
                results[key] = measure(fn, budget, warmup, min_sample)

    json.dump(
        {
            "pykmip": getattr(kmip, "__version__", "unknown"),
            "python": "%s %s (%s)"
            % (platform.python_implementation(), platform.python_version(), sys.executable),
            "encoded": encoded,
            "results": results,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
