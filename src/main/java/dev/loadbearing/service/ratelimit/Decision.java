package dev.loadbearing.service.ratelimit;

/** The answer to one request: allowed or not, what the headers say, and when to retry if refused. */
public record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
}
