package io.github.servermanager.actuate;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code servermanager} endpoint: which server each service is pinned to (or which
 * servers share its requests, and the client's slice of the ring, with an aperture),
 * whether it is offline, when it rebalances next and how often it failed over. Its writes
 * (rebalance now, rotate the front server away) change where traffic goes, so the
 * endpoint is read-only unless
 * {@code management.endpoint.servermanager.access=unrestricted}.
 * <p>
 * Services appear once their load balancer starts, which Spring Cloud LoadBalancer does
 * on the first request to the service unless eager loading is configured.
 * <p>
 * Over the web, {@link ServerManagerEndpointWebExtension} answers instead, with HTTP
 * statuses and per-user metadata; here (JMX) metadata is shown unless
 * {@code show-metadata} is {@code never}, as Spring Boot's own endpoints treat JMX
 * callers as authorized.
 */
@Endpoint(id = ServerManagerEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class ServerManagerEndpoint {

	/** The endpoint id. */
	public static final String ID = "servermanager";

	private final ServerManagerRegistry registry;

	private final Show showMetadata;

	/**
	 * Creates the endpoint.
	 * @param registry the managed services
	 * @param showMetadata when instance metadata is shown
	 */
	public ServerManagerEndpoint(ServerManagerRegistry registry, Show showMetadata) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.showMetadata = Objects.requireNonNull(showMetadata, "showMetadata must not be null");
	}

	/**
	 * Describes every managed service.
	 * @return the services by id
	 */
	@ReadOperation
	public ServerManagerDescriptor services() {
		return describeAll(this.showMetadata.isShown(true));
	}

	/**
	 * Describes one service.
	 * @param serviceId the service
	 * @return the service, or {@code null} when it has no server manager (yet)
	 */
	@ReadOperation
	public @Nullable ServiceDescriptor service(@Selector String serviceId) {
		return describe(serviceId, this.showMetadata.isShown(true));
	}

	/**
	 * Runs an operation on one service.
	 * @param serviceId the service
	 * @param operation the name of a {@link ServiceOperation}
	 * @return the service after the operation, or {@code null} when it has no server
	 * manager
	 * @throws InvalidEndpointRequestException when the operation is unknown
	 */
	@WriteOperation
	public @Nullable ServiceDescriptor operate(@Selector String serviceId, String operation) {
		ServiceOperation parsed = ServiceOperation.parse(operation);
		if (parsed == null) {
			String message = unknownOperationMessage(operation);
			throw new InvalidEndpointRequestException(message, message);
		}
		return perform(serviceId, parsed, this.showMetadata.isShown(true));
	}

	ServerManagerDescriptor describeAll(boolean showMetadata) {
		Map<String, ServiceDescriptor> services = new TreeMap<>();
		for (ManagedService service : this.registry.services()) {
			services.put(service.serviceId(), ServiceDescriptor.of(service, showMetadata));
		}
		return new ServerManagerDescriptor(services);
	}

	@Nullable ServiceDescriptor describe(String serviceId, boolean showMetadata) {
		return this.registry.find(serviceId).map((service) -> ServiceDescriptor.of(service, showMetadata)).orElse(null);
	}

	boolean manages(String serviceId) {
		return this.registry.find(serviceId).isPresent();
	}

	@Nullable ServiceDescriptor perform(String serviceId, ServiceOperation operation, boolean showMetadata) {
		ManagedService service = this.registry.find(serviceId).orElse(null);
		if (service == null) {
			return null;
		}
		operation.applyTo(service);
		return ServiceDescriptor.of(service, showMetadata);
	}

	static String unknownOperationMessage(@Nullable String operation) {
		return ((operation != null) ? "Unknown operation '" + operation + "'" : "Missing operation")
				+ ": send {\"operation\": \""
				+ String.join("\"} or {\"operation\": \"", ServiceOperation.operationNames()) + "\"}";
	}

}
