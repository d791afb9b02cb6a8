package io.github.servermanager.loadbalancer;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.util.function.SingletonSupplier;

/**
 * Picks the first instance of the list the supplier emits: the server manager's front
 * server. Spring's round robin would walk the list and undo the manager's order.
 */
public class FrontServerLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private static final Log logger = LogFactory.getLog(FrontServerLoadBalancer.class);

	private final String serviceId;

	private final SingletonSupplier<ServiceInstanceListSupplier> supplier;

	/** Logged once per stretch without instances, not once per request. */
	private final AtomicBoolean emptyLogged = new AtomicBoolean();

	/**
	 * Creates a balancer.
	 * @param supplierProvider provides the service's (primary) supplier, looked up on
	 * first use
	 * @param serviceId the service
	 */
	public FrontServerLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> supplierProvider, String serviceId) {
		Objects.requireNonNull(supplierProvider, "supplierProvider must not be null");
		this.serviceId = Objects.requireNonNull(serviceId, "serviceId must not be null");
		this.supplier = SingletonSupplier
			.of(() -> supplierProvider.getIfAvailable(NoopServiceInstanceListSupplier::new));
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier instances = this.supplier.obtain();
		return instances.get(request).next().map((list) -> front(instances, list));
	}

	private Response<ServiceInstance> front(ServiceInstanceListSupplier instances, List<ServiceInstance> list) {
		if (list.isEmpty()) {
			if (this.emptyLogged.compareAndSet(false, true)) {
				logger.warn("No instances available for service '" + this.serviceId + "'");
			}
			return new EmptyResponse();
		}
		this.emptyLogged.set(false);
		ServiceInstance front = list.get(0);
		if (instances instanceof SelectedInstanceCallback callback) {
			callback.selectedServiceInstance(front);
		}
		return new DefaultResponse(front);
	}

}
