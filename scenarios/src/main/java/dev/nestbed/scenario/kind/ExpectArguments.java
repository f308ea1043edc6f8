package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.Location;
import org.jspecify.annotations.Nullable;

/**
 * An expectation's keys, as its kind reads them to bind its spec: each getter reads one key by its
 * type and reports what is wrong with it at its own place, returning null then. The parser
 * implements it, so an expectation kind never sees YAML; as {@link Arguments} for steps.
 */
public interface ExpectArguments {
  /** Whether the key is there with a value. */
  boolean has(Key key);

  /** The name under the key, e.g. the partition it is about; null when absent or not text. */
  @Nullable String name(Key key);

  /**
   * The word under a choice key as written; one that is none of the key's choices is reported with
   * a did-you-mean, and still returned.
   */
  @Nullable String keyword(Key key);

  /**
   * From here on, problems name the expectation {@code context} (e.g. {@code expectation on p1}),
   * and keys that are not the kind's are reported, with a hint when another kind takes them.
   */
  void about(String context);

  /** How problems name the expectation now. */
  String context();

  @Nullable Boolean flag(Key key);

  /** A whole number of at least one. */
  @Nullable Integer count(Key key);

  /** A whole number of at least zero; reported when the key is required and missing. */
  @Nullable Integer whole(Key key);

  /** A range such as {@code {max: 2s}}; null when absent or malformed. */
  @Nullable Bound bound(Key key);

  /** Where the expectation was written. */
  Location anchor();

  /** Reports a problem of the expectation as a whole, at its start. */
  void problem(String message, @Nullable String hint);
}
