package dev.loadbearing.suite.support;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadbearing.suite.endpoints.Keys;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification step that runs after the load ({@code .andThen}), one step per invariant named
 * {@code verify: <invariant>}, plus the Gatling assertion that each has no failure: a broken invariant fails the
 * run with Gatling's own assertion message and exit code.
 *
 * <p>An in-process verdict (status shares, time windows, counts) is a Gatling <em>group</em> with no request in
 * it, marked failed when the verdict does not hold: it reaches Gatling's statistics and assertions without
 * touching the target, and never counts as a request (the global figures, stats.json's request rows and the
 * baselines hold only real traffic). A verification that reads the service back (a product's stock) is a real
 * request, and is named like one.
 */
public final class Verify {
  public static final String PREFIX = "verify: ";

  private final List<String> names = new ArrayList<>();
  private ChainBuilder chain = exec(session -> session);

  /** An in-process verdict: a group without requests, failed when the verdict does not hold. */
  public Verify verdict(Verdict verdict) {
    String name = PREFIX + verdict.name();
    names.add(name);
    chain = chain.exec(group(name).on(exec(session -> {
      String problem = verdict.problem().get();
      if (problem == null) {
        return session;
      }
      System.out.println("Loadbearing " + name + ": FAILED - " + problem);
      return session.markAsFailed();
    }))).exec(session -> session.markAsSucceeded());
    return this;
  }

  public Verify verdicts(List<Verdict> verdicts) {
    verdicts.forEach(this::verdict);
    return this;
  }

  /**
   * A verification that is itself an HTTP request against the service (consistency, a product's stock,
   * {@code /metrics}); its name must start with {@code verify: }.
   */
  public Verify request(Named request) {
    names.add(request.name);
    chain = chain.exec(request.builder);
    return this;
  }

  /** A GET for a verification, with the session's API key; add its checks with {@link Named#check}. */
  public static Named get(String name, String url) {
    Named unauthenticated = getPublic(name, url);
    return new Named(name, unauthenticated.builder.header("X-Api-Key", "#{" + Keys.API_KEY + "}"));
  }

  /** A GET for a verification of an unauthenticated route ({@code /metrics}, {@code /health}). */
  public static Named getPublic(String name, String url) {
    if (!name.startsWith(PREFIX)) {
      throw new IllegalArgumentException("verification request names start with '" + PREFIX + "': " + name);
    }
    return new Named(name, http(name).get(url));
  }

  /** A verification request and its name, so the name can be asserted on. */
  public static final class Named {
    private final String name;
    private final HttpRequestActionBuilder builder;

    private Named(String name, HttpRequestActionBuilder builder) {
      this.name = name;
      this.builder = builder;
    }

    public Named check(io.gatling.javaapi.core.CheckBuilder... checks) {
      return new Named(name, builder.check(checks));
    }
  }

  /** A step the verification needs first (e.g. saving the API key into the session); not judged itself. */
  public Verify step(ChainBuilder step) {
    chain = chain.exec(step);
    return this;
  }

  /** One user running every verification, to chain after the load with {@code andThen}. */
  PopulationBuilder population() {
    ScenarioBuilder verify = scenario("verify").exec(chain);
    return verify.injectOpen(atOnceUsers(1));
  }

  /** "Each verification has no failure", as Gatling assertions. */
  List<Assertion> assertions() {
    return names.stream().distinct().map(name -> details(name).failedRequests().count().is(0L)).toList();
  }

  List<String> names() {
    return List.copyOf(names);
  }
}
