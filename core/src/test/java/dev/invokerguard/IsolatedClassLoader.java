package dev.invokerguard;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A class loader over the test class path that defines every class itself (the JDK's come from the platform
 * loader) and says which it has: a test runs code in it to see which classes that code loads.
 */
public final class IsolatedClassLoader extends URLClassLoader {
  public IsolatedClassLoader() {
    super(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(IsolatedClassLoader::url).toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** Applies {@code function}, a {@code Function<T, String>} with a public no-argument constructor, in here. */
  @SuppressWarnings("unchecked")
  public <T> String apply(Class<? extends Function<T, String>> function, T argument)
      throws ReflectiveOperationException {
    return ((Function<T, String>) loadClass(function.getName()).getDeclaredConstructor().newInstance())
        .apply(argument);
  }

  /** Whether this loader has defined {@code className}. */
  public boolean loaded(String className) {
    return findLoadedClass(className) != null;
  }

  private static URL url(String entry) {
    try {
      return Path.of(entry).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
