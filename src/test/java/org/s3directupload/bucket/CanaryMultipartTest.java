package org.s3directupload.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.CanaryMultipart.Step;
import org.s3directupload.config.TestSettings;

/** The canary in parts where no store is needed: with forms, and what each refusal says. */
class CanaryMultipartTest {

  private final CanaryMultipart cut = new CanaryMultipart();

  @Test
  void withFormsItSaysUploadsInPartsAreNotUsedAndTouchesNothing() throws Exception {
    Examination exam =
        new Examination(
            TestSettings.signing("upload.method", "post"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    List<Finding> findings = cut.examine(exam);

    assertEquals(1, findings.size(), findings.toString());
    assertEquals(Finding.Status.OK, findings.get(0).status());
    assertEquals("canary-multipart", findings.get(0).check());
    assertEquals(
        "Uploads in parts are not used with upload.method=post: every file is one form upload,"
            + " which the canary upload checks.",
        findings.get(0).observed());
  }

  @Test
  void aRefusedPartNamesTheEncryptionDenyTheConditionalWriteExemptionAndTheSignature() {
    String fix = CanaryMultipart.fix(Step.UPLOAD_PART, false, "uploads/.doctor/");

    assertTrue(
        fix.startsWith(
            "AccessDenied: UploadPart is authorized as s3:PutObject but carries no encryption"
                + " header: the encryption is set once, on CreateMultipartUpload."),
        fix);
    assertTrue(fix.contains("s3:ObjectCreationOperation"), fix);
    assertTrue(fix.contains("SignatureDoesNotMatch: check the credentials and upload.region"), fix);
    assertFalse(fix.contains("kms:"), fix);
  }

  @Test
  void withKmsTheFixesNameTheKeyPermissions() {
    assertTrue(
        CanaryMultipart.fix(Step.UPLOAD_PART, true, "uploads/.doctor/")
            .contains("kms:GenerateDataKey and kms:Decrypt"));
    assertTrue(
        CanaryMultipart.fix(Step.CREATE, true, "uploads/.doctor/")
            .contains("kms:GenerateDataKey and kms:Decrypt"));
  }

  @Test
  void aRefusedCompletionNamesTheEncryptionDenyAndThatItCarriesIfNoneMatch() {
    String fix = CanaryMultipart.fix(Step.COMPLETE, false, "uploads/.doctor/");

    assertTrue(fix.startsWith("AccessDenied: CompleteMultipartUpload is authorized as"), fix);
    assertTrue(fix.contains("It does carry If-None-Match: *"), fix);
  }

  @Test
  void aRefusedStartNamesTheCanaryAreaAndTheConditionalWriteExemption() {
    String fix = CanaryMultipart.fix(Step.CREATE, false, "uploads/.doctor/");

    assertTrue(
        fix.startsWith(
            "AccessDenied: let the application's credentials write under"
                + " uploads/.doctor/ (s3:PutObject)"),
        fix);
    assertTrue(fix.contains("(AWS: \"Enforce conditional writes\")"), fix);
  }

  @Test
  void aRefusedListingNamesItsPermission() {
    assertTrue(
        CanaryMultipart.fix(Step.LIST_PARTS, false, "uploads/.doctor/")
            .startsWith(
                "Let the application's credentials list the parts of uploads in progress"
                    + " (s3:ListMultipartUploadParts)"));
  }
}
