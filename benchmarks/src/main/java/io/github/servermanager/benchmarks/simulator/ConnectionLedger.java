package io.github.servermanager.benchmarks.simulator;

import java.util.Arrays;

/**
 * Counts the new connections each server accepts in each second: every ping (the
 * starter's HTTP ping opens a connection of its own and closes it after the answer) and
 * every request of a client that holds no open connection to the server. A client's
 * pooled connection closes once it has been idle for longer than the idle bound
 * ({@code server-manager.connection-max-idle-time}, a quarter of {@code min-reuse} by
 * default).
 */
final class ConnectionLedger {

	private static final long NEVER = Long.MIN_VALUE;

	private final int servers;

	private final long maxIdleNanos;

	private final long fromNanos;

	private final int seconds;

	/** The last request of each client to each server, client-major. */
	private final long[] lastUse;

	private final int[] opened;

	/**
	 * Creates an empty ledger.
	 * @param clients how many clients
	 * @param servers how many servers
	 * @param maxIdleNanos how long a pooled connection stays open unused
	 * @param fromNanos the start of the measured part; earlier connections are not
	 * counted
	 * @param seconds how many seconds are measured
	 */
	ConnectionLedger(int clients, int servers, long maxIdleNanos, long fromNanos, int seconds) {
		this.servers = servers;
		this.maxIdleNanos = maxIdleNanos;
		this.fromNanos = fromNanos;
		this.seconds = seconds;
		this.lastUse = new long[clients * servers];
		Arrays.fill(this.lastUse, NEVER);
		this.opened = new int[servers * seconds];
	}

	/**
	 * Counts a ping, on a connection of its own.
	 * @param server the server pinged
	 * @param nowNanos the virtual time
	 */
	void pinged(int server, long nowNanos) {
		count(server, nowNanos);
	}

	/**
	 * Records a request that a server answered, counting a new connection when the client
	 * held none open to it.
	 * @param client the client's index
	 * @param server the server's index
	 * @param nowNanos the virtual time
	 */
	void requested(int client, int server, long nowNanos) {
		int slot = client * this.servers + server;
		long last = this.lastUse[slot];
		if (last == NEVER || nowNanos - last > this.maxIdleNanos) {
			count(server, nowNanos);
		}
		this.lastUse[slot] = nowNanos;
	}

	/**
	 * Returns the new connections per server per second, averaged over every server and
	 * second measured.
	 * @return the mean
	 */
	double meanPerServerPerSecond() {
		long total = 0;
		for (int count : this.opened) {
			total += count;
		}
		return (double) total / this.opened.length;
	}

	/**
	 * Returns the most new connections one server accepted in one second.
	 * @return the worst server-second
	 */
	int worstServerSecond() {
		int worst = 0;
		for (int count : this.opened) {
			worst = Math.max(worst, count);
		}
		return worst;
	}

	private void count(int server, long nowNanos) {
		if (nowNanos < this.fromNanos) {
			return;
		}
		int second = (int) ((nowNanos - this.fromNanos) / 1_000_000_000L);
		if (second < this.seconds) {
			this.opened[second * this.servers + server]++;
		}
	}

}
