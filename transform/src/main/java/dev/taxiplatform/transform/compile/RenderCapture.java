package dev.taxiplatform.transform.compile;

import dev.taxiplatform.transform.database.QueryTable;
import dev.taxiplatform.transform.database.StatementResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one render of a node recorded: its {@code config()} calls, {@code ref()}/{@code source()}
 * calls, the ephemeral models it refers to, and the results of its statements.
 */
public final class RenderCapture {
  /** A named statement's result, for {@code load_result()}. */
  public record LoadedResult(StatementResult response, QueryTable table) {}

  private final Map<String, Object> config = new LinkedHashMap<>();
  private final List<List<String>> refs = new ArrayList<>();
  private final List<List<String>> sources = new ArrayList<>();
  private final Set<String> ephemerals = new LinkedHashSet<>();
  private final Map<String, LoadedResult> results = new LinkedHashMap<>();

  synchronized void config(Map<String, Object> values) {
    config.putAll(values);
  }

  synchronized void ref(List<String> ref) {
    if (!refs.contains(ref)) {
      refs.add(List.copyOf(ref));
    }
  }

  synchronized void source(List<String> source) {
    if (!sources.contains(source)) {
      sources.add(List.copyOf(source));
    }
  }

  synchronized void ephemeral(String uniqueId) {
    ephemerals.add(uniqueId);
  }

  synchronized void result(String name, LoadedResult result) {
    results.put(name, result);
  }

  synchronized LoadedResult result(String name) {
    return results.get(name);
  }

  public synchronized Map<String, Object> config() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  public synchronized List<List<String>> refs() {
    return List.copyOf(refs);
  }

  public synchronized List<List<String>> sources() {
    return List.copyOf(sources);
  }

  /** Ephemeral models referenced, in order of first reference. */
  public synchronized List<String> ephemerals() {
    return List.copyOf(ephemerals);
  }
}
