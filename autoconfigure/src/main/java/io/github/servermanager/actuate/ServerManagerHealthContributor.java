package io.github.servermanager.actuate;

import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The {@code servermanager} health contributor: one {@link ManagedServiceHealthIndicator}
 * per managed service. It reads the registry at each health request, so services whose
 * load balancer starts late appear, and services that go away disappear, without
 * registering anything.
 */
public class ServerManagerHealthContributor implements CompositeHealthContributor {

	private final ServerManagerRegistry registry;

	/**
	 * Creates the contributor.
	 * @param registry the managed services
	 */
	public ServerManagerHealthContributor(ServerManagerRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.registry.find(name).map(ManagedServiceHealthIndicator::new).orElse(null);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.registry.services()
			.stream()
			.sorted(Comparator.comparing(ManagedService::serviceId))
			.map((service) -> new HealthContributors.Entry(service.serviceId(),
					new ManagedServiceHealthIndicator(service)));
	}

}
