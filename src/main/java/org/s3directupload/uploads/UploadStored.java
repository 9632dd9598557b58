package org.s3directupload.uploads;

/**
 * A CDI event, fired once for every upload whose object has been checked and found to be what its
 * ticket allowed, after its record says so: the place for an application that embeds this one to
 * pick the file up. Observers run on the thread that checked it (the page's completion or the
 * sweeper), so a slow one should hand its work on:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class NewFiles {
 *   void arrived(@Observes UploadStored stored) {
 *     LOG.info(() -> stored.record().person() + " uploaded " + stored.record().key());
 *   }
 * }
 * }</pre>
 *
 * @param record the record, in state {@code stored}
 */
public record UploadStored(UploadRecord record) {}
