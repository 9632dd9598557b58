package org.s3directupload.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark run found, section by section: each row names what was measured, our figure, the
 * reference it is compared with (the floor, a peer, or a goal), and the ratio between them,
 * measured side by side in the same run. Printed as a table and written as Markdown.
 */
public final class Report {

  /**
   * One line of the report.
   *
   * @param section e.g. {@code tickets}
   * @param what what was measured, e.g. {@code 64 clients: tickets/s}
   * @param ours our figure, with its unit
   * @param reference the figure ours is compared with, with its unit; empty when there is none
   * @param ratio ours against the reference (higher is better), or a verdict such as {@code ok};
   *     empty when there is none
   */
  public record Row(String section, String what, String ours, String reference, String ratio) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public synchronized void add(Row row) {
    rows.add(row);
    System.out.printf(
        Locale.ROOT,
        "  %-10s %-44s %18s %18s %10s%n",
        row.section(),
        row.what(),
        row.ours(),
        row.reference(),
        row.ratio());
  }

  public void add(String section, String what, String ours, String reference, String ratio) {
    add(new Row(section, what, ours, reference, ratio));
  }

  /** A sentence under the table: how something was measured, or what went wrong. */
  public synchronized void note(String note) {
    notes.add(note);
    System.out.println("  note: " + note);
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The report as Markdown, headed by {@code heading} (the machine and the time). */
  public synchronized String markdown(String heading) {
    StringBuilder out = new StringBuilder(heading).append("\n\n");
    out.append("| section | measured | ours | reference | ratio |\n");
    out.append("| --- | --- | --- | --- | --- |\n");
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s |%n",
              row.section(),
              row.what(),
              row.ours(),
              row.reference(),
              row.ratio()));
    }
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(note -> out.append("- ").append(note).append('\n'));
    }
    return out.toString();
  }

  public void write(Path file, String heading) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown(heading));
  }

  /** {@code ours / reference} to two places, as the ratio column shows it. */
  public static String ratio(double ours, double reference) {
    return reference == 0 ? "" : String.format(Locale.ROOT, "%.2f", ours / reference);
  }
}
