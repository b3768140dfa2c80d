import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { webcrypto, type WebCryptoKeyPair } from '../../../../src/crypto/index.ts';
import {
  CertificateRequestType,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  LinkType,
  NameType,
  RecommendedCurve,
  ResultReason,
} from '../../../../src/kmip/generated/registry.ts';
import type { Certificate } from '../../../../src/kmip/messages/objects.ts';
import type {
  CertifyRequest,
  CertifyResponse,
} from '../../../../src/kmip/messages/payloads/certify.ts';
import type { CreateKeyPairResponse } from '../../../../src/kmip/messages/payloads/create-key-pair.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createCaCertificate, type IssuedCertificate } from '../../../../src/pki/index.ts';
import { x509 } from '../../../../src/pki/x509-lib.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';
import {
  attr,
  attributeValuesOf,
  failure,
  getObject,
  materialBytes,
  okPayload,
} from './key-ops-fixture.ts';

async function csr(commonName: string): Promise<{ der: Uint8Array; spki: Uint8Array }> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as WebCryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: `CN=${commonName}`, keys, signingAlgorithm: algorithm },
    webcrypto,
  );
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return { der: new Uint8Array(request.rawData), spki };
}

describe('Certify', () => {
  let harness: ServerHarness;
  let ca: IssuedCertificate;
  before(async () => {
    ca = await createCaCertificate({ commonName: 'Certify test CA' });
    harness = await createServerHarness({
      certificateAuthority: async () => ({ caCert: ca.cert, caKey: ca.key }),
    });
  });
  after(() => harness.close());

  const send = (payload: CertifyRequest, version: KmipVersionName = '1.4', on = harness) =>
    on.sendOne(version, { operation: 'Certify', payload });
  const certificateOf = async (id: string) => {
    const object = (await getObject(harness, { uniqueIdentifier: id })) as Certificate;
    assert.equal(object.kind, 'Certificate');
    return new X509Certificate(object.certificateValue);
  };
  const caCertificate = () => new X509Certificate(ca.cert);

  const createPair = async () =>
    okPayload<CreateKeyPairResponse>(
      await harness.sendOne('1.4', {
        operation: 'CreateKeyPair',
        payload: {
          commonAttributes: {
            attributes: [
              attr('CryptographicAlgorithm', CryptographicAlgorithm.EC),
              attr('CryptographicDomainParameters', { recommendedCurve: RecommendedCurve.P_256 }),
            ],
          },
          privateKeyAttributes: {
            attributes: [attr('CryptographicUsageMask', CryptographicUsageMask.Sign)],
          },
          publicKeyAttributes: {
            attributes: [
              attr('CryptographicUsageMask', CryptographicUsageMask.Verify),
              attr('Name', { value: 'service-a', type: NameType.UninterpretedTextString }),
            ],
          },
        },
      }),
    );

  it('certifies a managed public key: signed by the CA, its key, CN from its Name, linked both ways', async () => {
    const pair = await createPair();
    const publicId = pair.publicKeyUniqueIdentifier as string;
    const id = okPayload<CertifyResponse>(await send({ uniqueIdentifier: publicId }))
      .uniqueIdentifier as string;
    const certificate = await certificateOf(id);
    assert.ok(certificate.verify(caCertificate().publicKey), 'signed by the CA');
    assert.ok(certificate.checkIssued(caCertificate()));
    assert.equal(certificate.subject, 'CN=service-a');
    assert.equal(certificate.ca, false);
    const spki = materialBytes(await getObject(harness, { uniqueIdentifier: publicId }));
    assert.ok(
      certificate.publicKey.equals(
        createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
      ),
    );
    assert.deepEqual(await attributeValuesOf(harness, id, 'Link'), [
      { linkType: LinkType.PublicKeyLink, linkedObjectIdentifier: publicId },
    ]);
    assert.deepEqual((await attributeValuesOf(harness, publicId, 'Link')).at(-1), {
      linkType: LinkType.CertificateLink,
      linkedObjectIdentifier: id,
    });
  });

  it('certifies a PKCS#10 request (DER and PEM) with the request subject', async () => {
    const request = await csr('csr-client');
    const der = okPayload<CertifyResponse>(
      await send({
        certificateRequestType: CertificateRequestType.PKCS_10,
        certificateRequestValue: request.der,
      }),
    ).uniqueIdentifier as string;
    const certificate = await certificateOf(der);
    assert.equal(certificate.subject, 'CN=csr-client');
    assert.ok(certificate.verify(caCertificate().publicKey));
    assert.ok(
      certificate.publicKey.equals(
        createPublicKey({ key: Buffer.from(request.spki), format: 'der', type: 'spki' }),
      ),
    );
    const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${Buffer.from(request.der).toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const fromPem = okPayload<CertifyResponse>(
      await send(
        {
          certificateRequestType: CertificateRequestType.PEM,
          certificateRequestValue: new TextEncoder().encode(pem),
        },
        '2.1',
      ),
    ).uniqueIdentifier as string;
    assert.equal((await certificateOf(fromPem)).subject, 'CN=csr-client');
  });

  it('refuses a request whose signature does not verify with Invalid Field', async () => {
    const request = await csr('tampered');
    const bytes = request.der.slice();
    bytes[40] = (bytes[40] ?? 0) ^ 0xff;
    assert.equal(
      failure(
        await send({
          certificateRequestType: CertificateRequestType.PKCS_10,
          certificateRequestValue: bytes,
        }),
      ),
      ResultReason.InvalidField,
    );
  });

  it('refuses a request that holds another key than the named public key', async () => {
    const pair = await createPair();
    const request = await csr('other');
    const item = await send({
      uniqueIdentifier: pair.publicKeyUniqueIdentifier as string,
      certificateRequestValue: request.der,
    });
    assert.equal(failure(item), ResultReason.InvalidField);
  });

  it('refuses CRMF requests with Feature Not Supported', async () => {
    assert.equal(
      failure(
        await send({
          certificateRequestType: CertificateRequestType.CRMF,
          certificateRequestValue: new Uint8Array(8),
        }),
      ),
      ResultReason.FeatureNotSupported,
    );
  });

  it('refuses a symmetric key with Invalid Object Type (1.x: Invalid Field)', async () => {
    const id = await harness.createKey();
    assert.equal(
      failure(await send({ uniqueIdentifier: id }, '2.0')),
      ResultReason.InvalidObjectType,
    );
    assert.equal(failure(await send({ uniqueIdentifier: id }, '1.4')), ResultReason.InvalidField);
  });

  it('refuses Certify with Feature Not Supported when no CA is configured', async () => {
    const bare = await createServerHarness();
    try {
      const request = await csr('no-ca');
      assert.equal(
        failure(await send({ certificateRequestValue: request.der }, '1.4', bare)),
        ResultReason.FeatureNotSupported,
      );
    } finally {
      await bare.close();
    }
  });
});
