package io.github.servermanager.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Every managed service, by service id.
 *
 * @param services the services, sorted by id
 */
public record ServerManagerDescriptor(Map<String, ServiceDescriptor> services) implements OperationResponseBody {

}
