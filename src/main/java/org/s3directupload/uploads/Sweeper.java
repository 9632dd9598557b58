package org.s3directupload.uploads;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.s3directupload.uploads.UploadRecord.State;

/**
 * Nothing is lost when the page goes away: every {@code upload.records.sweep-interval} the sweeper
 * looks at the records still {@code issued} whose ticket has expired. An object that is there is
 * checked as the page would have had it checked; none, once {@code upload.records.missing-after}
 * has passed, makes the record {@code missing}. An upload in parts past {@code
 * upload.multipart-lifetime} that was not completed is aborted, so its parts are dropped, and its
 * record becomes {@code missing}. Several instances sharing the database look at each record once:
 * a record is claimed with a conditional update before it is looked at.
 */
@ApplicationScoped
public class Sweeper {

  private static final Logger LOG = Logger.getLogger(Sweeper.class.getName());

  /** A sweep stops after this many records in a row it could not settle: the store is down. */
  static final int FAILURES_BEFORE_GIVING_UP = 3;

  /** How many records one sweep looks at, at most. */
  static final int BATCH = 100;

  static final String NOTHING_UPLOADED = "Nothing was uploaded with this ticket before it expired.";

  @Resource ManagedScheduledExecutorService executor;

  @Inject Uploads uploads;
  @Inject MultipartUploads parts;
  @Inject RecordSettings settings;

  Clock clock = Clock.systemUTC();

  private ScheduledFuture<?> schedule;

  void startUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
    long every = settings.sweepInterval().toMillis();
    schedule = executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  /** One sweep; a failure is logged and the next sweep tries again. */
  void sweep() {
    try {
      Instant now = clock.instant();
      UploadRecords records = uploads.sweepable();
      int failuresInARow = 0;
      for (UploadRecord record : records.expiredUnfinished(now, BATCH)) {
        if (records.claim(record.id(), now, now.plus(settings.sweepInterval()))) {
          try {
            look(record, now);
            failuresInARow = 0;
          } catch (RuntimeException e) {
            // this record is looked at again once its claim has passed; the others go on, unless
            // the store or the database is down for all of them
            LOG.warning("A sweep could not settle upload " + record.id() + ": " + e);
            if (++failuresInARow == FAILURES_BEFORE_GIVING_UP) {
              throw e;
            }
          }
        }
      }
    } catch (Exception e) {
      LOG.warning("A sweep of expired uploads failed; the next one tries again: " + e);
    }
  }

  private void look(UploadRecord record, Instant now) {
    if (parts.sweep(record, now)) {
      return;
    }
    Optional<UploadRecord> judged = uploads.verify(record);
    if (judged.isEmpty() && !now.isBefore(record.expiresAt().plus(settings.missingAfter()))) {
      uploads.transition(
          record.id(), EnumSet.of(State.ISSUED), State.MISSING, now, List.of(NOTHING_UPLOADED));
    }
  }
}
