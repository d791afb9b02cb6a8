package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A server as the tests see it: a name that is its identity and a version that stands for
 * details that may change (address, metadata) while the identity stays.
 *
 * @param name the key
 * @param version the details
 */
record TestServer(String name, int version) {

	static TestServer named(String name) {
		return new TestServer(name, 1);
	}

	static List<TestServer> named(String... names) {
		return Arrays.stream(names).map(TestServer::named).toList();
	}

	TestServer withVersion(int version) {
		return new TestServer(this.name, version);
	}

	static List<String> names(List<TestServer> servers) {
		return servers.stream().map(TestServer::name).toList();
	}

	static ServerManager.Builder<TestServer> builder() {
		return ServerManager.builder(TestServer::name);
	}

	/** A manager holding {@code servers} in this order, added one by one. */
	static ServerManager<TestServer> managerWith(ServerManager.Builder<TestServer> builder, List<TestServer> servers) {
		ServerManager<TestServer> manager = builder.build();
		servers.forEach(manager::addServer);
		return manager;
	}

	static RandomGenerator seeded(long seed) {
		return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
	}

	/**
	 * The shuffle the manager is specified to run: Fisher-Yates from the last index down,
	 * swapping index {@code i} with {@code nextInt(i + 1)}. Tests use it to derive the
	 * order a seed must produce.
	 */
	static <S> List<S> fisherYates(List<S> servers, RandomGenerator random) {
		List<S> shuffled = new ArrayList<>(servers);
		for (int i = shuffled.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			shuffled.set(i, shuffled.set(j, shuffled.get(i)));
		}
		return shuffled;
	}

}
