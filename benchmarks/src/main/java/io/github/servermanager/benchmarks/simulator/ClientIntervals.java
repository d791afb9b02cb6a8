package io.github.servermanager.benchmarks.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows each client from one rebalance to the next: how many distinct servers it sent
 * requests to in each of its intervals (the connections it holds), and when it moved to
 * other servers.
 */
final class ClientIntervals {

	private final int servers;

	/** The current interval of each client, from 1. */
	private final int[] interval;

	/** In which interval each client last sent to each server, client-major. */
	private final int[] lastInterval;

	private final int[] distinct;

	private int maxDistinct;

	private final List<List<Long>> moves;

	/**
	 * Creates the record of a fleet.
	 * @param clients how many clients
	 * @param servers how many servers
	 */
	ClientIntervals(int clients, int servers) {
		this.servers = servers;
		this.interval = new int[clients];
		Arrays.fill(this.interval, 1);
		this.lastInterval = new int[clients * servers];
		this.distinct = new int[clients];
		this.moves = new ArrayList<>(clients);
		for (int client = 0; client < clients; client++) {
			this.moves.add(new ArrayList<>());
		}
	}

	/**
	 * Records a request the client sent in the measured part.
	 * @param client the client's index
	 * @param server the server's index
	 */
	void requested(int client, int server) {
		int slot = client * this.servers + server;
		if (this.lastInterval[slot] != this.interval[client]) {
			this.lastInterval[slot] = this.interval[client];
			this.distinct[client]++;
			this.maxDistinct = Math.max(this.maxDistinct, this.distinct[client]);
		}
	}

	/**
	 * Starts a new interval of a client.
	 * @param client the client's index
	 */
	void newInterval(int client) {
		this.interval[client]++;
		this.distinct[client] = 0;
	}

	/**
	 * Records that a rebalance in the measured part moved a client to other servers.
	 * @param client the client's index
	 * @param nowNanos the virtual time
	 */
	void moved(int client, long nowNanos) {
		this.moves.get(client).add(nowNanos);
	}

	/**
	 * Returns the most distinct servers a client sent to within one interval.
	 * @return the connections the busiest client held
	 */
	int maxConnectionsPerClient() {
		return this.maxDistinct;
	}

	/**
	 * Returns the fewest moves of a client in a window, over every client and every whole
	 * window of the measured part.
	 * @param fromNanos the start of the measured part
	 * @param toNanos its end
	 * @param windowNanos the window, one rebalance interval
	 * @return the fewest moves, or -1 when no whole window fits
	 */
	int minMovesPerWindow(long fromNanos, long toNanos, long windowNanos) {
		int windows = (int) ((toNanos - fromNanos) / windowNanos);
		if (windows == 0) {
			return -1;
		}
		int min = Integer.MAX_VALUE;
		int[] counts = new int[windows];
		for (List<Long> clientMoves : this.moves) {
			Arrays.fill(counts, 0);
			for (long at : clientMoves) {
				int window = (int) ((at - fromNanos) / windowNanos);
				if (at >= fromNanos && window < windows) {
					counts[window]++;
				}
			}
			for (int count : counts) {
				min = Math.min(min, count);
			}
		}
		return min;
	}

}
