package org.s3directupload.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.LimitSettings;

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

  void startUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
    DataSource dataSource;
    try {
      dataSource = InitialContext.doLookup(settings.dataSource());
    } catch (NamingException | ClassCastException e) {
      String problem =
          "names no data source this server knows ('"
              + settings.dataSource()
              + "'). Name one the server has, or create it (see server-config/README.md).";
      LOG.severe("Invalid configuration: " + LimitSettings.DATA_SOURCE + " " + problem);
      throw new InvalidSettingException(LimitSettings.DATA_SOURCE, problem);
    }
    ledger = new UsageLedger(dataSource, settings, Clock.systemUTC());
    prepare();
    LOG.info(
        () ->
            "Upload limits: "
                + settings.tickets()
                + " tickets per "
                + UsageLedger.describe(settings.ticketsWindow())
                + " and "
                + settings.bytes()
                + " bytes per "
                + UsageLedger.describe(settings.bytesWindow())
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
   * Counts one ticket for {@code person}.
   *
   * @throws LimitExceeded when a limit is used up
   * @throws LimitsUnavailable when the counts cannot be kept
   */
  public void reserve(String person, long bytes) {
    if (!prepared) {
      prepare();
    }
    try {
      ledger.reserve(person, bytes);
    } catch (LimitsUnavailable e) {
      LOG.warning(e.getMessage());
      throw e;
    }
  }
}
