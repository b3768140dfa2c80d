/**
 * What Create Split Key and Join Split Key share: the Split Key Methods the server implements
 * (KMIP 1.4 §9.1.3.2.30) and the src/crypto errors as KMIP reasons.
 */
import type { SplitKeyMethodName } from '../../crypto/index.ts';
import { SplitKeyMethod } from '../../kmip/generated/registry.ts';
import { featureNotSupported, invalidField } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

const METHODS: Readonly<Partial<Record<number, SplitKeyMethodName>>> = {
  [SplitKeyMethod.XOR]: 'XOR',
  [SplitKeyMethod.PolynomialSharingGF2_8]: 'PolynomialSharingGF2_8',
  [SplitKeyMethod.PolynomialSharingGF2_16]: 'PolynomialSharingGF2_16',
  [SplitKeyMethod.PolynomialSharingPrimeField]: 'PolynomialSharingPrimeField',
};

/**
 * The src/crypto name of a Split Key Method.
 * @throws KmipResultError Feature Not Supported for a method KMIP does not define.
 */
export function splitKeyMethodName(method: number): SplitKeyMethodName {
  const name = METHODS[method];
  if (name === undefined) {
    throw featureNotSupported(
      'Split Key Methods supported: XOR, Polynomial Sharing GF(2^8), GF(2^16) and Prime Field',
    );
  }
  return name;
}

/** Runs a split or join; parameter errors become Invalid Field. */
export function splitKeyGuarded<T>(ctx: OperationContext, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoParameterError) throw invalidField(error.message);
    throw error;
  }
}
