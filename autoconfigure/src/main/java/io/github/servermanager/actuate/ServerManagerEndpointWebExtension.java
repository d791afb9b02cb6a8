package io.github.servermanager.actuate;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of {@link ServerManagerEndpoint}: answers 404 for a service without a
 * server manager and 400, with the valid operations, for an unknown operation, and shows
 * instance metadata to the users that {@code server-manager.endpoint.show-metadata} and
 * {@code roles} allow.
 */
@EndpointWebExtension(endpoint = ServerManagerEndpoint.class)
public class ServerManagerEndpointWebExtension {

	private final ServerManagerEndpoint delegate;

	private final Show showMetadata;

	private final Set<String> roles;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param showMetadata when instance metadata is shown
	 * @param roles the roles that may see metadata when it is shown to authorized users;
	 * empty means every authenticated user
	 */
	public ServerManagerEndpointWebExtension(ServerManagerEndpoint delegate, Show showMetadata, Set<String> roles) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.showMetadata = Objects.requireNonNull(showMetadata, "showMetadata must not be null");
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Describes every managed service.
	 * @param securityContext who asks
	 * @return the services by id
	 */
	@ReadOperation
	public ServerManagerDescriptor services(SecurityContext securityContext) {
		return this.delegate.describeAll(showMetadata(securityContext));
	}

	/**
	 * Describes one service.
	 * @param securityContext who asks
	 * @param serviceId the service
	 * @return the service, or 404 when it has no server manager (yet)
	 */
	@ReadOperation
	public WebEndpointResponse<ServiceDescriptor> service(SecurityContext securityContext, @Selector String serviceId) {
		return okOrNotFound(this.delegate.describe(serviceId, showMetadata(securityContext)));
	}

	/**
	 * Runs an operation on one service.
	 * @param securityContext who asks
	 * @param serviceId the service
	 * @param operation {@code rebalance} or {@code rotate}
	 * @return the service after the operation, 404 when it has no server manager, 400
	 * with the valid operations when the operation is unknown
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> operate(SecurityContext securityContext,
			@Selector String serviceId, @Nullable String operation) {
		if (!this.delegate.manages(serviceId)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		ServiceOperation parsed = ServiceOperation.parse(operation);
		if (parsed == null) {
			return new WebEndpointResponse<>(
					new InvalidOperationDescriptor(ServerManagerEndpoint.unknownOperationMessage(operation),
							ServiceOperation.operationNames()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		return okOrNotFound(this.delegate.perform(serviceId, parsed, showMetadata(securityContext)));
	}

	private boolean showMetadata(SecurityContext securityContext) {
		return this.showMetadata.isShown(securityContext, this.roles);
	}

	private static <T> WebEndpointResponse<T> okOrNotFound(@Nullable T body) {
		return (body != null) ? new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
