package io.github.servermanager.loadbalancer;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.servermanager.service.FailureReason;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.Observers;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;

/**
 * Tells a service's server manager which requests failed, so that a failing front server
 * is rotated away at once. A request fails when it ends with an exception, or when the
 * server answers with one of the service's {@code failure-statuses}: Spring reports every
 * answered request as a success, so the status is read here.
 * <p>
 * Blocking and reactive clients, OpenFeign and both gateways, with and without retry,
 * hand different request, response and instance types to lifecycles; this one accepts
 * them all. The instance reported is matched to a managed one by instance id, else by
 * host, port and scheme, since some clients report a copy of their own.
 */
public class ServerManagerLoadBalancerLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	private static final Log logger = LogFactory.getLog(ServerManagerLoadBalancerLifecycle.class);

	private final String serviceId;

	private final ServerManagerRegistry registry;

	private final List<ServerManagerObserver> observers;

	/** Set by the first report that matched no server: later ones are logged at DEBUG. */
	private final AtomicBoolean warnedUnmatched = new AtomicBoolean();

	/**
	 * Creates a lifecycle for one service, with no observers.
	 * @param serviceId the service
	 * @param registry where the service's manager is found
	 */
	public ServerManagerLoadBalancerLifecycle(String serviceId, ServerManagerRegistry registry) {
		this(serviceId, registry, List.of());
	}

	/**
	 * Creates a lifecycle for one service.
	 * @param serviceId the service
	 * @param registry where the service's manager is found
	 * @param observers who hears of failure reports that match no server
	 */
	public ServerManagerLoadBalancerLifecycle(String serviceId, ServerManagerRegistry registry,
			List<ServerManagerObserver> observers) {
		this.serviceId = Objects.requireNonNull(serviceId, "serviceId must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.observers = List.copyOf(observers);
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
			case SUCCESS -> reportStatus(instance, ResponseStatuses.statusOf(completionContext.getClientResponse()));
			case DISCARD -> {
			}
		}
	}

	private void reportException(ServiceInstance instance, @Nullable Throwable throwable) {
		String detail = (throwable != null) ? throwable.getClass().getName() : "unknown";
		this.registry.find(this.serviceId)
			.ifPresent((service) -> report(service, instance, FailureReason.EXCEPTION, detail));
	}

	private void reportStatus(ServiceInstance instance, @Nullable Integer status) {
		if (status == null) {
			return;
		}
		this.registry.find(this.serviceId)
			.filter((service) -> service.settings().failureStatuses().contains(status))
			.ifPresent((service) -> report(service, instance, FailureReason.STATUS, String.valueOf(status)));
	}

	private void report(ManagedService service, ServiceInstance reported, FailureReason reason, String detail) {
		ServiceInstance managed = ReportedInstances.resolve(service.manager().servers(), reported);
		if (managed == null) {
			unmatched(reported, reason);
		}
		// An unmatched report is still recorded as the last failure, for diagnosis.
		service.reportFailure((managed != null) ? managed : reported, reason, detail);
	}

	private void unmatched(ServiceInstance reported, FailureReason reason) {
		if (this.warnedUnmatched.compareAndSet(false, true)) {
			logger.warn("A failed request of service '" + this.serviceId + "' was reported for " + describe(reported)
					+ ", which is none of the service's servers, so no server was rotated "
					+ "away. Either discovery removed that server while the request ran, or the client reports "
					+ "instances that differ from the load balancer's in instance id, host, port and scheme. "
					+ "Such reports are counted as unmatched failures; later ones are logged at DEBUG.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("A failed request of service '" + this.serviceId + "' was reported for " + describe(reported)
					+ ", which is none of the service's servers");
		}
		Observers.notifyEach(this.observers, (observer) -> observer.unmatchedFailure(this.serviceId, reported, reason));
	}

	private static String describe(ServiceInstance instance) {
		return (instance.isSecure() ? "https://" : "http://") + instance.getHost() + ":" + instance.getPort()
				+ " (instance id " + instance.getInstanceId() + ")";
	}

}
