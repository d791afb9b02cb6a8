package io.github.servermanager.benchmarks.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineQueueTests {

	@Test
	void earliestDeadlineComesFirst() {
		DeadlineQueue queue = new DeadlineQueue(3);
		queue.schedule(0, 30);
		queue.schedule(1, 10);
		queue.schedule(2, 20);
		assertThat(queue.peekClient()).isEqualTo(1);
		assertThat(queue.peekDeadline()).isEqualTo(10);
	}

	@Test
	void equalDeadlinesComeLowestClientFirst() {
		DeadlineQueue queue = new DeadlineQueue(3);
		queue.schedule(2, 10);
		queue.schedule(0, 10);
		queue.schedule(1, 10);
		assertThat(queue.peekClient()).isZero();
	}

	@Test
	void reschedulingMovesTheClientInsteadOfAddingIt() {
		DeadlineQueue queue = new DeadlineQueue(2);
		queue.schedule(0, 10);
		queue.schedule(1, 20);
		queue.schedule(0, 30);
		assertThat(queue.peekClient()).isEqualTo(1);
		queue.schedule(1, 40);
		assertThat(queue.peekClient()).isZero();
		assertThat(queue.peekDeadline()).isEqualTo(30);
		queue.schedule(1, 5);
		assertThat(queue.peekClient()).isEqualTo(1);
	}

	@Test
	void emptyQueueHasNoDeadline() {
		assertThat(new DeadlineQueue(1).peekDeadline()).isEqualTo(Long.MAX_VALUE);
		assertThat(new DeadlineQueue(1).isEmpty()).isTrue();
	}

}
