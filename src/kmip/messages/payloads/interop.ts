/**
 * Interop (KMIP 2.0+; 2.1 Operations, "Interop"): a client tells the server that an
 * interoperability test case begins, ends or is reset. The response payload is empty.
 */
import { Tag } from '../../generated/registry.ts';
import { enumeration, textString } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Interop request. */
export interface InteropRequest extends Extensible {
  /** `InteropFunction` value: Begin, End or Reset. */
  readonly interopFunction: number;
  /** The test case, e.g. `BL-M-1-21`. */
  readonly interopIdentifier: string;
}
/** Interop response: no fields. */
export type InteropResponse = Extensible;
/** Schema of {@link InteropRequest}. */
export const interopRequestSchema = defineStruct<InteropRequest>('RequestPayload', (f) => [
  f.one('interopFunction', Tag.InteropFunction, enumeration),
  f.one('interopIdentifier', Tag.InteropIdentifier, textString),
]);
/** Schema of {@link InteropResponse}. */
export const interopResponseSchema = defineStruct<InteropResponse>('ResponsePayload', () => []);
