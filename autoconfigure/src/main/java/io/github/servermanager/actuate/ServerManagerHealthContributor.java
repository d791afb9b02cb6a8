package io.github.servermanager.actuate;

import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The {@code servermanager} health contributor: one {@link ManagedServiceHealthIndicator}
 * per managed service. It reads the registry at each health request, so services whose
 * load balancer starts late appear, and services that go away disappear, without
 * registering anything.
 * <p>
 * An offline service reports {@link ManagedServiceHealthIndicator#OFFLINE}, which leaves
 * the application's health as it is, unless
 * {@code server-manager.health.fail-when-offline} is true.
 */
public class ServerManagerHealthContributor implements CompositeHealthContributor {

	private final ServerManagerRegistry registry;

	private final boolean failWhenOffline;

	/**
	 * Creates the contributor, whose offline services never fail the health.
	 * @param registry the managed services
	 */
	public ServerManagerHealthContributor(ServerManagerRegistry registry) {
		this(registry, false);
	}

	/**
	 * Creates the contributor.
	 * @param registry the managed services
	 * @param failWhenOffline whether an offline service reports DOWN rather than
	 * {@link ManagedServiceHealthIndicator#OFFLINE}
	 */
	public ServerManagerHealthContributor(ServerManagerRegistry registry, boolean failWhenOffline) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.failWhenOffline = failWhenOffline;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.registry.find(name).map(this::indicator).orElse(null);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.registry.services()
			.stream()
			.sorted(Comparator.comparing(ManagedService::serviceId))
			.map((service) -> new HealthContributors.Entry(service.serviceId(), indicator(service)));
	}

	private ManagedServiceHealthIndicator indicator(ManagedService service) {
		return new ManagedServiceHealthIndicator(service, this.failWhenOffline);
	}

}
