package io.github.servermanager.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry tells its observers of services that come and go, each observer once.
 */
class ServerManagerRegistryTests {

	private final List<String> events = new ArrayList<>();

	private final ServerManagerObserver observer = new ServerManagerObserver() {

		@Override
		public void added(ManagedService service) {
			ServerManagerRegistryTests.this.events.add("added " + service.serviceId());
		}

		@Override
		public void removed(ManagedService service) {
			ServerManagerRegistryTests.this.events.add("removed " + service.serviceId());
		}

	};

	@Test
	void observersGivenAtCreationAreLookedUpWhenTheFirstServiceComes() {
		AtomicInteger lookups = new AtomicInteger();
		ServerManagerRegistry registry = new ServerManagerRegistry(() -> {
			lookups.incrementAndGet();
			return List.of(this.observer);
		});
		assertThat(lookups).hasValue(0);
		ManagedService service = TestServices.service();
		registry.register(service, TestServices.NO_HOOKS);
		registry.deregister(service);
		assertThat(lookups).hasValue(1);
		assertThat(this.events).containsExactly("added " + TestServices.SERVICE, "removed " + TestServices.SERVICE);
	}

	@Test
	void anObserverGivenAtCreationAndSubscribedAgainIsToldOnce() {
		ServerManagerRegistry registry = new ServerManagerRegistry(List.of(this.observer));
		registry.addObserver(this.observer);
		registry.addObserver(this.observer);
		registry.register(TestServices.service(), TestServices.NO_HOOKS);
		assertThat(this.events).containsExactly("added " + TestServices.SERVICE);
	}

	@Test
	void anUnsubscribedObserverHearsNothingMore() {
		ServerManagerRegistry registry = new ServerManagerRegistry();
		registry.addObserver(this.observer);
		ManagedService service = TestServices.service();
		registry.register(service, TestServices.NO_HOOKS);
		registry.removeObserver(this.observer);
		registry.deregister(service);
		assertThat(this.events).containsExactly("added " + TestServices.SERVICE);
	}

}
