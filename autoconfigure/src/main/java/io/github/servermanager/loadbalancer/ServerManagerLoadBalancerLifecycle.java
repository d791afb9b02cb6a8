package io.github.servermanager.loadbalancer;

import java.io.IOException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Tells a service's server manager which requests failed, so that a failing front server
 * is rotated away at once. A request fails when it ends with an exception, or when the
 * server answers with one of the service's {@code failure-statuses}: Spring reports every
 * answered request as a success, so the status is read here.
 * <p>
 * Blocking and reactive clients, with and without retry, hand different request and
 * response types to lifecycles; this one accepts them all.
 */
public class ServerManagerLoadBalancerLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	private final String serviceId;

	private final ServerManagerRegistry registry;

	/**
	 * Creates a lifecycle for one service.
	 * @param serviceId the service
	 * @param registry where the service's manager is found
	 */
	public ServerManagerLoadBalancerLifecycle(String serviceId, ServerManagerRegistry registry) {
		this.serviceId = Objects.requireNonNull(serviceId, "serviceId must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
	}

	@Override
	@SuppressWarnings("rawtypes")
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		return ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
		Response<ServiceInstance> lbResponse = completionContext.getLoadBalancerResponse();
		if (lbResponse == null || !lbResponse.hasServer()) {
			return;
		}
		ServiceInstance instance = lbResponse.getServer();
		switch (completionContext.status()) {
			case FAILED -> reportException(instance, completionContext.getThrowable());
			case SUCCESS -> reportStatus(instance, statusOf(completionContext.getClientResponse()));
			case DISCARD -> {
			}
		}
	}

	private void reportException(ServiceInstance instance, @Nullable Throwable throwable) {
		String detail = (throwable != null) ? throwable.getClass().getName() : "unknown";
		this.registry.find(this.serviceId)
			.ifPresent((service) -> service.reportFailure(instance, FailureReason.EXCEPTION, detail));
	}

	private void reportStatus(ServiceInstance instance, @Nullable Integer status) {
		if (status == null) {
			return;
		}
		this.registry.find(this.serviceId)
			.filter((service) -> service.settings().failureStatuses().contains(status))
			.ifPresent((service) -> service.reportFailure(instance, FailureReason.STATUS, String.valueOf(status)));
	}

	private static @Nullable Integer statusOf(@Nullable Object clientResponse) {
		HttpStatusCode status = null;
		if (clientResponse instanceof ResponseData responseData) {
			status = responseData.getHttpStatus();
		}
		else if (clientResponse instanceof ClientHttpResponse httpResponse) {
			try {
				status = httpResponse.getStatusCode();
			}
			catch (IOException ex) {
				return null;
			}
		}
		return (status != null) ? status.value() : null;
	}

}
