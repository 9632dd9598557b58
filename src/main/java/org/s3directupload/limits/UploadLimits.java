package org.s3directupload.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.SettingReader;
import org.s3directupload.identity.PersonSegment;
import org.s3directupload.words.Durations;

/**
 * The application's {@link UsageLedger}, on the data source {@code upload.limits.data-source}
 * names. A name that does not resolve stops start-up; a database that is down only makes ticket
 * requests answer 503 until it is back.
 */
@ApplicationScoped
public class UploadLimits {

  private static final Logger LOG = Logger.getLogger(UploadLimits.class.getName());

  @Inject LimitSettings settings;

  private volatile UsageLedger ledger;
  private volatile boolean prepared;

  /** The limits' settings, read once per application. */
  @Produces
  @Singleton
  static LimitSettings settings(SettingReader reader) {
    return reader.read(LimitSettings::read);
  }

  void startUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
    DataSource dataSource;
    try {
      dataSource = InitialContext.doLookup(settings.dataSource());
    } catch (NamingException | ClassCastException e) {
      String problem =
          "names no data source this server knows ('"
              + settings.dataSource()
              + "'). Name one the server has, or create it (see server-config/README.md).";
      LOG.severe("Invalid configuration: " + LimitSettings.Key.DATA_SOURCE.key() + " " + problem);
      throw new InvalidSettingException(LimitSettings.Key.DATA_SOURCE, problem);
    }
    ledger = new UsageLedger(dataSource, settings, Clock.systemUTC());
    prepare();
    LOG.info(
        () ->
            "Upload limits: "
                + settings.tickets()
                + " tickets per "
                + Durations.describe(settings.ticketsWindow())
                + " and "
                + settings.bytes()
                + " bytes per "
                + Durations.describe(settings.bytesWindow())
                + " per person, counted in "
                + settings.dataSource()
                + ".");
  }

  private void prepare() {
    try {
      ledger.prepare();
      prepared = true;
    } catch (LimitsUnavailable e) {
      LOG.warning(e.getMessage() + " Ticket requests answer 503 until it can.");
    }
  }

  /**
   * Counts one ticket of {@code bytes} for {@code person}, in that person's own account (their key
   * segment, one per person).
   *
   * @param person the signed-in person's canonical name
   * @throws LimitExceeded when a limit is used up
   * @throws LimitsUnavailable when the counts cannot be kept
   */
  public void reserve(String person, long bytes) {
    reserve(person, bytes, connection -> {});
  }

  /**
   * Counts one ticket and does {@code alsoThen} in the same transaction of the limits' database.
   *
   * @throws LimitExceeded when a limit is used up; then {@code alsoThen} did nothing
   * @throws LimitsUnavailable when the counts cannot be kept, or {@code alsoThen} failed
   */
  public void reserve(String person, long bytes, UsageLedger.InTransaction alsoThen) {
    if (!prepared) {
      prepare();
    }
    try {
      ledger.reserve(PersonSegment.of(person), bytes, alsoThen);
    } catch (LimitsUnavailable e) {
      LOG.warning(e.getMessage());
      throw e;
    }
  }
}
