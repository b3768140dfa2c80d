/**
 * OASIS / ovh-kmip-go test-case files that are not valid KMIP XML as published, so the
 * message tests cannot read them (test/fixtures/kmip/testcases/README.md, "Known defects").
 * Every other file must load and round-trip.
 */
export const UNREADABLE_CASES: ReadonlyMap<string, string> = new Map([
  [
    '1.0/ovh-kmip-go/AKLC_M_1_10_AsymmetricKey_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/AKLC_M_2_10_AsymmetricKey-2.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/AKLC_M_3_10_AsymmetricKey-3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/OMOS_M_1_10_small_opaque_object.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/OMOS_O_1_10_big_opaque_object.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SASED_M_2_10_storage_array_register.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SASED_M_3_10_storage_array_retrieve.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_1_10_SymmetricKeyFoundryBasic_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_10_10_SymmetricKeyFoundryAdvanced_10.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_11_10_SymmetricKeyFoundryAdvanced_11.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_12_10_SymmetricKeyFoundryAdvanced_12.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_2_10_SymmetricKeyFoundryBasic_2.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_3_10_SymmetricKeyFoundryBasic_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_4_10_SymmetricKeyFoundryBasic_4.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_5_10_SymmetricKeyFoundryIntermediate_5.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_6_10_SymmetricKeyFoundryIntermediate_6.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_7_10_SymmetricKeyFoundryIntermediate_7.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_8_10_SymmetricKeyFoundryIntermediate_8.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_M_9_10_SymmetricKeyFoundryAdvanced_9.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_O_1_10_SymmetricKeyOptional_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_O_2_10_SymmetricKeyOptional_2.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_O_3_10_SymmetricKeyOptional_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_O_4_10_SymmetricKeyOptional_4.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_O_5_10_SymmetricKeyOptional_5.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKFF_O_6_10_SymmetricKeyOptional_6.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKLC_M_3_10_SymmetricKeyLifecycle_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/SKLC_O_1_10-SymmetricKeysLifecycle_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.0/ovh-kmip-go/TL_M_3_10_tape_read.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/AKLC_M_1_11_AsymmetricKey_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/AKLC_M_2_11_AsymmetricKey_2.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/AKLC_M_3_11_AsymmetricKey_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/AKLC_O_1_11_AsymmetricKey_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_1_11_SymmetricKeyFoundryBasic_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_10_11_SymmetricKeyFoundryAdvanced_10.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_11_11_SymmetricKeyFoundryAdvanced_11.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_12_11_SymmetricKeyFoundryAdvanced_12.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_2_11_SymmetricKeyFoundryBasic_2.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_3_11_SymmetricKeyFoundryBasic_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_4_11_SymmetricKeyFoundryBasic_4.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_5_11_SymmetricKeyFoundryIntermediate_5.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_6_11_SymmetricKeyFoundryIntermediate_6.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_7_11_SymmetricKeyFoundryIntermediate_7.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_8_11_SymmetricKeyFoundryIntermediate_8.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_M_9_11_SymmetricKeyFoundryAdvanced_9.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_O_1_11_SymmetricKeyOptional_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_O_2_11_SymmetricKeyOptional_2.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_O_3_11_SymmetricKeyOptional_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_O_4_11_SymmetricKeyOptional_4.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_O_5_11_SymmetricKeyOptional_5.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKFF_O_6_11_SymmetricKeyOptional_6.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKLC_M_1_11_SymmetricKeyLifecycle_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKLC_M_3_11_SymmetricKeyLifecycle_3.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.1/ovh-kmip-go/SKLC_O_1_11_SymmetricKeyLifecycle_1.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS_BC_M_14_12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_Date_Checks.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS-BC-M-10-12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_and_PKCS5_Padding_and_CBC.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS-BC-M-11-12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_and_PKCS5_Padding_and_CBC_and_IV.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS-BC-M-12-12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_and_PKCS5_Padding_and_CBC_and_IV.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS-BC-M-13-12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_and_PKCS5_Padding_and_CBC_and_Random_IV.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS-BC-M-6-12_Encrypt_and_Decrypt_with_Known_Symmetric_Key.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.2/ovh-kmip-go/CS-BC-M-8-12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_and_PKCS5_Padding.xml',
    'not well-formed XML upstream (mismatched end tag; README "Known defects")',
  ],
  [
    '1.4/testcases/TC-ECDSA-SIGN-1-14.xml',
    'not well-formed XML upstream (invalid token at line 493)',
  ],
  [
    '1.0/ovh-kmip-go/SASED_M_1_10_storage_array_config.xml',
    'stray description text outside the XML comment upstream',
  ],
  [
    '1.0/ovh-kmip-go/TL_M_2_10_tape_write_new_key.xml',
    'stray description text outside the XML comment upstream',
  ],
]);
