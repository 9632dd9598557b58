package org.s3directupload.signing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a ticket tells the browser to send, and therefore the one list that the signature,
 * the bucket's CORS rule and the page must agree on.
 *
 * <p>Encryption is requested by the {@code x-amz-server-side-encryption} <em>header</em>: S3 does
 * not encrypt because of a query parameter. Signing that header means a PUT without it, or with
 * another algorithm, no longer matches the signature and is refused by the store.
 */
public final class TicketHeaders {

  public static final String CONTENT_TYPE = "Content-Type";
  public static final String CONTENT_DISPOSITION = "Content-Disposition";
  public static final String SSE = "x-amz-server-side-encryption";
  public static final String SSE_KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";

  /**
   * SigV4 only: the store refuses the PUT when the key already holds an object, so a replayed URL
   * can neither overwrite the upload nor add versions to it. SigV2 cannot sign it (AWS requires
   * SigV4 for conditional writes).
   */
  public static final String IF_NONE_MATCH = "If-None-Match";

  /** The file's SHA-256 as the page declared it: the store refuses a body that differs. */
  public static final String CHECKSUM_SHA256 = "x-amz-checksum-sha256";

  /** Who uploaded it: the person's key segment (ASCII, as metadata must be). */
  public static final String META_UPLOADED_BY = "x-amz-meta-uploaded-by";

  /** The upload's id, which is also its record's. */
  public static final String META_UPLOAD_ID = "x-amz-meta-upload-id";

  /** {@code upload.object-tags}, when set. */
  public static final String TAGGING = "x-amz-tagging";

  /** {@code upload.storage-class}, when set. */
  public static final String STORAGE_CLASS = "x-amz-storage-class";

  /** Temporary credentials' token; SigV2 carries it as a signed header, SigV4 in the query. */
  public static final String SECURITY_TOKEN = "x-amz-security-token";

  private TicketHeaders() {}

  /**
   * The headers for one upload, in the order they are listed to the browser.
   *
   * @param uploadedBy the person's key segment
   * @param id the upload's id
   */
  static Map<String, String> forUpload(
      SigningSettings settings, AcceptedUpload upload, String uploadedBy, String id) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CONTENT_TYPE, upload.contentType());
    headers.put(CONTENT_DISPOSITION, upload.name().contentDisposition());
    headers.put(SSE, settings.store().sse().headerValue());
    settings.store().sseKmsKeyId().ifPresent(keyId -> headers.put(SSE_KMS_KEY_ID, keyId));
    if (settings.signatureVersion() == SignatureVersion.V4) {
      headers.put(IF_NONE_MATCH, "*");
    }
    upload.checksumSha256().ifPresent(checksum -> headers.put(CHECKSUM_SHA256, checksum));
    headers.put(META_UPLOADED_BY, uploadedBy);
    headers.put(META_UPLOAD_ID, id);
    settings.objectTags().ifPresent(tags -> headers.put(TAGGING, tags));
    settings.storageClass().ifPresent(storageClass -> headers.put(STORAGE_CLASS, storageClass));
    return headers;
  }

  /**
   * The headers of a PUT ticket as the fields of a POST form, in the same order. A form has no
   * {@code If-None-Match}; the tag set travels as the XML {@code tagging} field.
   */
  static Map<String, String> asFormFields(Map<String, String> headers) {
    Map<String, String> fields = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          switch (name) {
            case IF_NONE_MATCH -> {}
            case TAGGING -> fields.put("tagging", taggingXml(value));
            default -> fields.put(name, value);
          }
        });
    return fields;
  }

  /** {@code a=1&b=2} (URL-encoded, as {@code x-amz-tagging} takes it) as S3's Tagging XML. */
  static String taggingXml(String tags) {
    StringBuilder xml = new StringBuilder("<Tagging><TagSet>");
    for (String pair : tags.split("&")) {
      int equals = pair.indexOf('=');
      xml.append("<Tag><Key>")
          .append(xmlText(urlDecode(pair.substring(0, equals))))
          .append("</Key><Value>")
          .append(xmlText(urlDecode(pair.substring(equals + 1))))
          .append("</Value></Tag>");
    }
    return xml.append("</TagSet></Tagging>").toString();
  }

  private static String urlDecode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The {@code Content-Disposition} an upload of {@code filename} is signed with: {@code
   * attachment} with the person's own name, for a download to give the file back the same way.
   */
  public static String contentDisposition(String filename) {
    return FileNames.of(filename).contentDisposition();
  }

  /**
   * Every header name a ticket can carry under these settings, lower case as browsers send them in
   * a CORS preflight's {@code Access-Control-Request-Headers}: exactly what the bucket's CORS rule
   * must allow, no more. None for a POST form: its fields travel in the body, and the only header
   * the browser sets, {@code Content-Type: multipart/form-data}, needs no permission.
   */
  public static List<String> names(SigningSettings settings) {
    if (settings.method() == UploadMethod.POST) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    names.add(CONTENT_TYPE);
    names.add(CONTENT_DISPOSITION);
    names.add(SSE);
    if (settings.store().sseKmsKeyId().isPresent()) {
      names.add(SSE_KMS_KEY_ID);
    }
    if (settings.signatureVersion() == SignatureVersion.V4) {
      names.add(IF_NONE_MATCH);
    }
    names.add(CHECKSUM_SHA256);
    names.add(META_UPLOADED_BY);
    names.add(META_UPLOAD_ID);
    if (settings.objectTags().isPresent()) {
      names.add(TAGGING);
    }
    if (settings.storageClass().isPresent()) {
      names.add(STORAGE_CLASS);
    }
    if (settings.signatureVersion() == SignatureVersion.V2) {
      names.add(SECURITY_TOKEN);
    }
    return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
  }
}
