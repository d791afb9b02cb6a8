package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Fisher-Yates, drawing from a given generator so that tests can seed it. */
final class Shuffle {

	private Shuffle() {
	}

	static <S> void shuffle(List<S> servers, RandomGenerator random) {
		for (int i = servers.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			servers.set(i, servers.set(j, servers.get(i)));
		}
	}

	static <S> List<S> shuffledCopy(List<S> servers, RandomGenerator random) {
		List<S> copy = new ArrayList<>(servers);
		shuffle(copy, random);
		return copy;
	}

}
