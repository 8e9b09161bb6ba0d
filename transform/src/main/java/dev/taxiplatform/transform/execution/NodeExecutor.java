package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.compile.CompiledNode;
import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.NodeCompiler;
import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.jinja.TemplateException;
import dev.taxiplatform.transform.seed.SeedLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one node: compiles it, writes its compiled SQL, then builds it (model), loads it (seed) or
 * runs it (test). Failures become an {@code error} result whose message says what failed where.
 */
public final class NodeExecutor {
  /** What to do with a node. */
  public enum Mode {
    /** Compile and execute. */
    EXECUTE,
    /** Compile only (the {@code compile} command). */
    COMPILE
  }

  private final NodeCompiler compiler;
  private final ArtifactPaths paths;
  private final Materializer materializer;
  private final SeedLoader seeds;
  private final TestExecutor tests = new TestExecutor();
  private final Snapshotter snapshotter = new Snapshotter();
  private final Clock clock;
  private final Mode mode;

  public NodeExecutor(
      NodeCompiler compiler,
      ArtifactPaths paths,
      SeedLoader seeds,
      boolean fullRefresh,
      Clock clock,
      Mode mode) {
    this.compiler = Objects.requireNonNull(compiler, "compiler");
    this.paths = Objects.requireNonNull(paths, "paths");
    this.seeds = Objects.requireNonNull(seeds, "seeds");
    this.materializer = new Materializer(fullRefresh);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  public NodeResult execute(Node node, Session session) {
    String thread = Thread.currentThread().getName();
    Instant compileStart = clock.instant();
    Instant compileEnd = null;
    Instant executeStart = null;
    String compiledSql = null;
    try {
      if (node.type() == ResourceType.SEED) {
        compileEnd = clock.instant();
        executeStart = compileEnd;
        if (mode == Mode.COMPILE) {
          return done(
              node,
              NodeStatus.SUCCESS,
              "COMPILED",
              null,
              null,
              null,
              compileStart,
              compileEnd,
              executeStart,
              thread);
        }
        SeedLoader.Loaded loaded = seeds.load(node, session);
        paths.write(paths.run(node), loaded.sql());
        return done(
            node,
            NodeStatus.SUCCESS,
            loaded.response().message(),
            null,
            loaded.response(),
            null,
            compileStart,
            compileEnd,
            executeStart,
            thread);
      }
      CompiledNode compiled = compiler.compile(node, session);
      compiledSql = compiled.sql();
      paths.write(paths.compiled(node), compiledSql);
      compileEnd = clock.instant();
      executeStart = compileEnd;
      if (mode == Mode.COMPILE) {
        return done(
            node,
            NodeStatus.SUCCESS,
            "COMPILED",
            null,
            null,
            compiledSql,
            compileStart,
            compileEnd,
            executeStart,
            thread);
      }
      if (node.type() == ResourceType.TEST) {
        TestExecutor.Outcome outcome = tests.run(compiled, session);
        paths.write(paths.run(node), outcome.sql());
        String message =
            outcome.status() == NodeStatus.PASS
                ? "PASS"
                : "Got %d result%s, configured to %s if %s"
                    .formatted(
                        outcome.failures(),
                        outcome.failures() == 1 ? "" : "s",
                        outcome.status() == NodeStatus.FAIL ? "fail" : "warn",
                        node.config()
                            .string(
                                outcome.status() == NodeStatus.FAIL ? "error_if" : "warn_if",
                                "!= 0"));
        return done(
            node,
            outcome.status(),
            message,
            outcome.failures(),
            outcome.response(),
            compiledSql,
            compileStart,
            compileEnd,
            executeStart,
            thread);
      }
      // The node's config already holds its config() calls (captured when parsing); merging the
      // compile-time capture again would run list-valued hooks twice.
      NodeConfig config = node.config();
      StringBuilder hooksRan = new StringBuilder();
      for (String hook : compiler.hooks(node, config, "pre_hook", session)) {
        session.execute(hook);
        hooksRan.append(hook).append(";\n");
      }
      Materializer.Outcome outcome =
          node.type() == ResourceType.SNAPSHOT
              ? snapshotter.snapshot(compiled, session, snapshotTime(node, session))
              : materializer.materialize(compiled, session);
      hooksRan.append(outcome.sql());
      for (String hook : compiler.hooks(node, config, "post_hook", session)) {
        session.execute(hook);
        hooksRan.append(hook).append(";\n");
      }
      paths.write(paths.run(node), hooksRan.toString());
      return done(
          node,
          NodeStatus.SUCCESS,
          outcome.message(),
          null,
          outcome.response(),
          compiledSql,
          compileStart,
          compileEnd,
          executeStart,
          thread);
    } catch (TemplateException | CompilerError e) {
      return failed(
          node,
          "Compilation Error",
          e,
          compiledSql,
          compileStart,
          compileEnd,
          executeStart,
          thread);
    } catch (DatabaseException e) {
      if (e.isConnectionFailure()) {
        throw e;
      }
      return failed(
          node, "Database Error", e, compiledSql, compileStart, compileEnd, executeStart, thread);
    } catch (RuntimeException e) {
      return failed(
          node, "Runtime Error", e, compiledSql, compileStart, compileEnd, executeStart, thread);
    }
  }

  /** The snapshot's time ({@code snapshot_get_time()}), as a timestamp literal. */
  private String snapshotTime(Node node, Session session) {
    String expression = compiler.render(node, "{{ snapshot_get_time() }}", session);
    Object time =
        session.query("select cast((%s) as text)".formatted(expression)).getRows().get(0).get(0);
    return "'" + time + "'::timestamp";
  }

  private NodeResult failed(
      Node node,
      String kind,
      RuntimeException e,
      String compiledSql,
      Instant compileStart,
      Instant compileEnd,
      Instant executeStart,
      String thread) {
    String detail = e.getMessage() == null ? e.toString() : e.getMessage();
    detail =
        detail
            .replaceFirst("^Compilation Error in [^:]*: ", "")
            .replaceFirst("^Database Error\n", "");
    String message =
        "%s in %s %s (%s)\n  %s"
            .formatted(
                kind,
                node.type().label(),
                node.name(),
                node.originalFilePath(),
                detail.replace("\n", "\n  "));
    if (e instanceof TemplateException located && located.line() > 0) {
      message =
          "%s in %s %s (%s)\n  %s"
              .formatted(
                  kind,
                  node.type().label(),
                  node.name(),
                  located.file() + " line " + located.line(),
                  detail.replace("\n", "\n  "));
    }
    if (compiledSql != null) {
      message +=
          "\n  compiled code at "
              + paths
                  .target()
                  .getFileName()
                  .resolve("compiled")
                  .resolve(node.packageName())
                  .resolve(ArtifactPaths.relative(node));
    }
    return done(
        node,
        NodeStatus.ERROR,
        message,
        null,
        null,
        compiledSql,
        compileStart,
        compileEnd == null ? clock.instant() : compileEnd,
        executeStart,
        thread);
  }

  private NodeResult done(
      Node node,
      NodeStatus status,
      String message,
      Long failures,
      dev.taxiplatform.transform.database.StatementResult response,
      String compiledSql,
      Instant compileStart,
      Instant compileEnd,
      Instant executeStart,
      String thread) {
    return new NodeResult(
        node.uniqueId(),
        status,
        message,
        failures,
        response,
        compiledSql,
        compileStart,
        compileEnd,
        executeStart,
        clock.instant(),
        thread);
  }
}
