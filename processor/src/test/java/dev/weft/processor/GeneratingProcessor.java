package dev.weft.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Stands in for AutoValue, Dagger or JMH in tests: generates one source file in the first round,
 * so that code compiled with it may refer to a class that does not exist before processing.
 */
final class GeneratingProcessor extends AbstractProcessor {
  private final String qualifiedName;
  private final String source;
  private boolean generated;

  /** Generates {@code source} as {@code qualifiedName} in the first round. */
  GeneratingProcessor(String qualifiedName, String... sourceLines) {
    this.qualifiedName = qualifiedName;
    this.source = String.join("\n", sourceLines);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!generated) {
      generated = true;
      try (Writer out = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
        out.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
