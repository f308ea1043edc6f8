package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One step kind, described once: everything the parser, the validator, the schema, the runner and
 * the documentation need to know about it. Only this package defines kinds (the constructor is
 * package-private), and {@link StepKinds} lists them; the rest of nestbed reaches them from there.
 *
 * @param <S> the spec a step of this kind binds to
 */
public abstract class StepKind<S extends StepSpec> {
  private final String keyword;
  private final Class<S> type;

  StepKind(String keyword, Class<S> type) {
    this.keyword = keyword;
    this.type = type;
  }

  /** The YAML keyword, e.g. {@code migrate}. */
  public final String keyword() {
    return keyword;
  }

  /** The spec it binds to. */
  public final Class<S> type() {
    return type;
  }

  /** What it does in one line, for the schema's hover text. */
  public abstract String description();

  /** What its map form asks, in one line, for the schema's definition of it. */
  public abstract String form();

  /** What it does in full, for the README's step table. */
  public abstract String documentation();

  /** Its keys in the order they are documented; {@link Key#TIMEOUT} last. */
  public abstract List<Key> keys();

  /** How it may be written without its map, if at all. */
  public Optional<ShortForm> shortForm() {
    return Optional.empty();
  }

  /** How a step of this kind is written, for hints. */
  public abstract String example();

  /** Binds a step from its arguments; a problem found is reported and leaves its field null. */
  public abstract S bind(Arguments arguments);

  /** The figures it records, for expectations and the README. */
  public List<Measure> measures() {
    return List.of();
  }

  /** Said in the README beside the figures, when they need more than their names. */
  public String recordsNote() {
    return "";
  }

  abstract String summary(S step);

  /**
   * The names the step uses that must be declared (partitions, pools, nodes), under the keys that
   * hold them. Abstract, so that a new kind says what it refers to rather than silently nothing.
   */
  abstract List<Effect.Names> references(S step);

  Effect effect(S step) {
    return Effect.NONE;
  }

  List<Need> needs(S step) {
    return List.of();
  }

  /**
   * Checks a step at its point of the walk. By default every name it refers to must be declared; a
   * kind whose names need more (limits, pool membership at that point) checks that here, and
   * records what it changes in the walk's {@link Pools}.
   */
  void check(S step, StepWalk walk) {
    for (Effect.Names names : references(step)) {
      Key key = names.key();
      for (int i = 0; i < names.names().size(); i++) {
        String name = names.names().get(i);
        Location at = key.type().isList() ? walk.at(step, key, i) : walk.at(step, key);
        switch (key.type()) {
          case PARTITION, PARTITIONS -> walk.partition(step, name, at);
          case POOL -> walk.pool(step, name, at);
          case NODE, NODES -> walk.node(step, name, at);
          default ->
              throw new IllegalStateException(
                  "key " + key.name() + " of " + keyword + " names no partition, pool or node");
        }
      }
    }
  }

  /**
   * The partitions a step changes, for races in a parallel group: by default those under its
   * partition keys.
   */
  List<String> actsOn(S step) {
    return references(step).stream()
        .filter(n -> n.key().type() == KeyType.PARTITION || n.key().type() == KeyType.PARTITIONS)
        .flatMap(n -> n.names().stream())
        .toList();
  }

  /** Reports how a step races the other steps of its parallel group; by default it does not. */
  void races(S step, StepGroup group, StepWalk walk) {}

  /**
   * Tells {@code flow} how the step grows, frees or moves memory on cells; by default it does not.
   */
  void flow(S step, MemoryFlow flow) {}

  /**
   * Its subjects as a test report names a step after its kind, e.g. {@code p1 to other} for a
   * migration: by default the names in the order the step lists them.
   */
  public String subjectsNamed(List<String> subjects) {
    return String.join(", ", subjects);
  }

  /** One line for people about a bound step, e.g. {@code resize p1 to 2 vCPUs, 192MiB}. */
  public final String summarize(StepSpec step) {
    return summary(type.cast(step));
  }

  /** The names a step uses that must be declared, by the key that holds them. */
  public final List<Effect.Names> referencesOf(StepSpec step) {
    return references(type.cast(step));
  }

  /** What the step does to partitions' lives and pools' members. */
  public final Effect effectOf(StepSpec step) {
    return effect(type.cast(step));
  }

  /** What the step needs from the pools it acts on. */
  public final List<Need> needsOf(StepSpec step) {
    return needs(type.cast(step));
  }

  /** Checks a step at its point of the validator's walk over the steps. */
  public final void checkOf(StepSpec step, StepWalk walk) {
    check(type.cast(step), walk);
  }

  /** The partitions a step changes, as its parallel group sees it. */
  public final List<String> actsOnOf(StepSpec step) {
    return actsOn(type.cast(step));
  }

  /** Reports how a step races the other steps of its parallel group. */
  public final void racesOf(StepSpec step, StepGroup group, StepWalk walk) {
    races(type.cast(step), group, walk);
  }

  /** Tells the plan's admission how a step grows, frees or moves memory on cells. */
  public final void flowOf(StepSpec step, MemoryFlow flow) {
    flow(type.cast(step), flow);
  }

  /** The names of its keys, for the binder's unknown-key check. */
  public final List<String> keyNames() {
    return keys().stream().map(Key::name).toList();
  }

  /** Whether a step of this kind can answer the expectation metric. */
  public final boolean answers(ExpectedMetric metric) {
    return metric.onEveryStep() || measures().stream().anyMatch(m -> m.feeds() == metric);
  }

  /** The keys that must be given. */
  public final List<String> requiredKeys() {
    return keys().stream().filter(Key::required).map(Key::name).toList();
  }

  /** One name as a list, none when it is missing (a half-valid spec is still walked). */
  static List<String> one(@Nullable String name) {
    return name == null ? List.of() : List.of(name);
  }

  @Override
  public String toString() {
    return keyword;
  }
}
