package io.github.servermanager.actuate;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The answer to a write with an operation the endpoint does not know.
 *
 * @param error what was wrong
 * @param validOperations the operations there are
 */
public record InvalidOperationDescriptor(String error, List<String> validOperations) implements OperationResponseBody {

}
