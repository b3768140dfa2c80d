/**
 * What CimProperty, CimParameter, CimQualifier and CimQualifierDeclaration share: a checked
 * name, a CIM type, and a value that is converted to that type whenever it is assigned
 * (pywbem's `cimvalue` in each class's value setter), with one equality rule for the three.
 */
import type { CimTypeName, CimValue } from '../types/cim-type.ts';
import { checkCimTypeName } from '../types/cim-type.ts';
import { checkName, cimValue, cimValueEquals, nameEquals } from './values.ts';

/** Base of the CIM objects that hold a typed value. */
export abstract class TypedValue {
  readonly #label: string;
  #name = '';
  #type: CimTypeName;
  #value: CimValue = null;

  /**
   * `label` names the kind in errors ('property', 'parameter' …); the value is set by the
   * subclass once its array and embedded-object settings are known.
   * @throws KW_WBEM_INVALID_VALUE for an empty name or an unknown type
   */
  protected constructor(label: string, name: string, type: CimTypeName) {
    this.#label = label;
    this.name = name;
    this.#type = checkCimTypeName(type);
  }

  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = checkName(value, `${this.#label} name`);
  }

  /** The CIM type name. */
  get type(): CimTypeName {
    return this.#type;
  }

  set type(value: CimTypeName) {
    this.#type = checkCimTypeName(value);
  }

  /** The value, converted to the type on assignment (arrays item by item). */
  get value(): CimValue {
    return this.#value;
  }

  set value(value: unknown) {
    this.#value = cimValue(value, this.#type);
  }

  /** Sets a value the CIM-XML parser already typed, without converting it (objects/parsed.ts). */
  protected setParsedValue(value: CimValue): void {
    this.#value = value;
  }

  /** Name (case-insensitive), type and value equal. */
  protected sameTypedValue(other: TypedValue): boolean {
    return (
      nameEquals(this.name, other.name) &&
      this.type === other.type &&
      cimValueEquals(this.value, other.value)
    );
  }
}
