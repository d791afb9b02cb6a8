package io.github.servermanager.benchmarks.clientapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every HTTP attempt the client sent, retries included, with the port it went to: the
 * balancer's choice as the network saw it.
 */
public final class AttemptLog {

	private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

	void record(int port) {
		this.attempts.add(new Attempt(System.nanoTime(), port));
	}

	/**
	 * Returns the attempts so far, oldest first.
	 * @return a snapshot
	 */
	public List<Attempt> attempts() {
		return new ArrayList<>(this.attempts);
	}

	/**
	 * Forgets every attempt.
	 */
	public void clear() {
		this.attempts.clear();
	}

	/**
	 * One attempt.
	 *
	 * @param nanoTime when it was sent, by {@link System#nanoTime()}
	 * @param port the port it was sent to
	 */
	public record Attempt(long nanoTime, int port) {

	}

}
