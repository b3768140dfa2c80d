/** LOCALNAMESPACEPATH of a namespace name (DSP0201 §5.3.2.1): one NAMESPACE per component. */
import { xmlElement, type XmlElement } from '../cimxml/element.ts';

/** `root/cimv2` → LOCALNAMESPACEPATH(NAMESPACE root, NAMESPACE cimv2). */
export function localNamespacePathXml(namespace: string): XmlElement {
  const parts = namespace.replace(/^\/+|\/+$/g, '').split('/');
  return xmlElement(
    'LOCALNAMESPACEPATH',
    {},
    parts.map((part) => xmlElement('NAMESPACE', { NAME: part })),
  );
}
