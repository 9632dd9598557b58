package org.s3directupload.uploads;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.s3directupload.signing.UploadRefusal;
import org.s3directupload.uploads.UploadRecord.State;

/**
 * The listing pages: "My uploads" ({@code my-uploads.xhtml}, the signed-in person's) and, for
 * upload-admin, all uploads ({@code all-uploads.xhtml}, filtered by person and state). Both read
 * their page, filters and cursor from the address, so every listing is a plain link.
 */
@Named
@RequestScoped
public class UploadsPages {

  /** Rows per page. */
  static final int PAGE = 50;

  @Inject Uploads uploads;

  private List<RecordRow> rows = List.of();
  private String next;
  private String refusal;

  /** Loads the signed-in person's uploads ({@code f:viewAction} of my-uploads.xhtml). */
  public void loadMine() {
    load(external().getUserPrincipal().getName());
  }

  /** Loads everyone's, or the filter's person's ({@code f:viewAction} of all-uploads.xhtml). */
  public void loadAll() {
    String person = getPerson();
    load(person.isEmpty() ? null : person);
  }

  private void load(String person) {
    try {
      State state = State.of(getState()).orElse(null);
      UploadRecords.Page page = uploads.list(person, state, cursor(), PAGE);
      rows = page.records().stream().map(RecordRow::new).toList();
      next = page.next().map(UploadRecords.Cursor::encoded).orElse(null);
    } catch (UploadRefusal e) {
      refusal = e.getMessage();
    }
  }

  public List<RecordRow> getRows() {
    return rows;
  }

  /** The next page's cursor, or null on the last page. */
  public String getNext() {
    return next;
  }

  /** Why the listing could not be shown (a broken cursor), or null. */
  public String getRefusal() {
    return refusal;
  }

  /** The person filter, as typed. */
  public String getPerson() {
    return param("person");
  }

  /** The state filter: empty for any. */
  public String getState() {
    return param("state");
  }

  /** The states a filter can choose. */
  public List<String> getStates() {
    return Arrays.stream(State.values()).map(State::code).toList();
  }

  private String cursor() {
    String cursor = param("cursor");
    return cursor.isEmpty() ? null : cursor;
  }

  private static String param(String name) {
    Map<String, String> params = external().getRequestParameterMap();
    String value = params.get(name);
    return value == null ? "" : value.strip();
  }

  private static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
