package dev.loadbearing.suite.support;

import java.util.function.Supplier;

/**
 * An invariant judged after the load, outside Gatling's own statistics: from the in-process status counts
 * and latency timeline. {@code problem} returns null when the invariant holds, else what was found.
 *
 * @param name    static, readable; becomes the group name {@code verify: <name>}
 * @param problem null when it holds, else a sentence saying what was expected and what was found
 */
public record Verdict(String name, Supplier<String> problem) {
}
