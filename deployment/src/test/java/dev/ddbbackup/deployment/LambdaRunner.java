package dev.ddbbackup.deployment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes a Lambda handler the way the Java runtime does, in a JVM whose class path is a Lambda package
 * (LambdaPackageIT starts it): the handler class is found by name, built with its public no-arg
 * constructor (the init phase, reading the environment), and called once with the event file and a
 * context whose remaining time counts down from 15 minutes. Uses only the JDK, so nothing but the package
 * and this class is on the class path.
 *
 * <p>Arguments: handler class, event file, output file. The handler's output goes to the output file; a
 * thrown exception is printed and exits with 1.
 */
public final class LambdaRunner {

    private LambdaRunner() {}

    public static void main(String[] args) throws Exception {
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        long deadline = System.currentTimeMillis() + 900_000;
        Object context = Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (proxy, method, a) ->
                switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) (deadline - System.currentTimeMillis());
                    case "getAwsRequestId" -> "package-smoke-test";
                    case "getFunctionName", "getLogGroupName", "getLogStreamName", "getInvokedFunctionArn", "getFunctionVersion" -> "smoke";
                    case "getMemoryLimitInMB" -> 2048;
                    case "toString" -> "LambdaRunner context";
                    default -> null;
                });
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
                    .invoke(handler, new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, context);
        } catch (java.lang.reflect.InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        }
        Files.write(Path.of(args[2]), out.toByteArray());
        System.exit(0);
    }
}
