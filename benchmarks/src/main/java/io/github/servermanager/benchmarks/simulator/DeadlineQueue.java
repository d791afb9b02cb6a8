package io.github.servermanager.benchmarks.simulator;

import java.util.Arrays;

/**
 * A binary min-heap of client indexes ordered by deadline, with each client at most once,
 * so that a re-armed deadline moves its client rather than leaving a stale entry behind.
 * Equal deadlines come out lowest client first, which keeps runs reproducible.
 */
final class DeadlineQueue {

	private final int[] heap;

	private final int[] positions;

	private final long[] deadlines;

	private int size;

	DeadlineQueue(int clients) {
		this.heap = new int[clients];
		this.positions = new int[clients];
		this.deadlines = new long[clients];
		Arrays.fill(this.positions, -1);
	}

	/**
	 * Sets the deadline of a client, adding it when absent.
	 */
	void schedule(int client, long deadlineNanos) {
		int position = this.positions[client];
		if (position < 0) {
			this.deadlines[client] = deadlineNanos;
			this.heap[this.size] = client;
			this.positions[client] = this.size;
			this.size++;
			siftUp(this.size - 1);
			return;
		}
		long previous = this.deadlines[client];
		this.deadlines[client] = deadlineNanos;
		if (deadlineNanos < previous) {
			siftUp(position);
		}
		else {
			siftDown(position);
		}
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** The client with the earliest deadline; the queue must not be empty. */
	int peekClient() {
		return this.heap[0];
	}

	/** The earliest deadline, or {@link Long#MAX_VALUE} when empty. */
	long peekDeadline() {
		return (this.size == 0) ? Long.MAX_VALUE : this.deadlines[this.heap[0]];
	}

	private void siftUp(int position) {
		int client = this.heap[position];
		while (position > 0) {
			int parent = (position - 1) >>> 1;
			int parentClient = this.heap[parent];
			if (!before(client, parentClient)) {
				break;
			}
			place(parentClient, position);
			position = parent;
		}
		place(client, position);
	}

	private void siftDown(int position) {
		int client = this.heap[position];
		int half = this.size >>> 1;
		while (position < half) {
			int child = 2 * position + 1;
			int right = child + 1;
			if (right < this.size && before(this.heap[right], this.heap[child])) {
				child = right;
			}
			if (!before(this.heap[child], client)) {
				break;
			}
			place(this.heap[child], position);
			position = child;
		}
		place(client, position);
	}

	private boolean before(int a, int b) {
		long da = this.deadlines[a];
		long db = this.deadlines[b];
		return (da != db) ? da < db : a < b;
	}

	private void place(int client, int position) {
		this.heap[position] = client;
		this.positions[client] = position;
	}

}
