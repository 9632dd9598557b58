package org.s3directupload.signing;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * A multipart upload as the application starts it, before the browser sends a byte.
 *
 * @param id the upload's id: its record's, and the random segment of its key
 * @param key the object key
 * @param plan how the file is cut into parts
 * @param contentType the type the object will have
 * @param headers what the object is created with: type, disposition, encryption, metadata, tags,
 *     storage class (the same as a single PUT's ticket, without its {@code If-None-Match} and
 *     whole-file checksum)
 */
public record MultipartStart(
    String id, String key, PartPlan plan, String contentType, Map<String, String> headers) {

  /**
   * {@code CreateMultipartUpload} in {@code bucket} with every header, and SHA-256 part checksums.
   */
  public CreateMultipartUploadRequest createRequest(String bucket) {
    CreateMultipartUploadRequest.Builder request =
        CreateMultipartUploadRequest.builder()
            .bucket(bucket)
            .key(key)
            .checksumAlgorithm(ChecksumAlgorithm.SHA256);
    Map<String, String> metadata = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          switch (name) {
            case TicketHeaders.CONTENT_TYPE -> request.contentType(value);
            case TicketHeaders.CONTENT_DISPOSITION -> request.contentDisposition(value);
            case TicketHeaders.SSE -> request.serverSideEncryption(value);
            case TicketHeaders.SSE_KMS_KEY_ID -> request.ssekmsKeyId(value);
            case TicketHeaders.TAGGING -> request.tagging(value);
            case TicketHeaders.STORAGE_CLASS -> request.storageClass(value);
            default -> {
              if (!name.startsWith("x-amz-meta-")) {
                throw new IllegalArgumentException("A multipart upload cannot carry " + name);
              }
              metadata.put(name.substring("x-amz-meta-".length()), value);
            }
          }
        });
    return request.metadata(metadata).build();
  }
}
