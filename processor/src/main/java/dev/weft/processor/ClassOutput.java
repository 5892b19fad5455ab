package dev.weft.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads and rewrites the class file javac has just written for a type, through the {@link Filer}
 * only: {@code getResource(CLASS_OUTPUT, ...)} to read it and {@code createResource(CLASS_OUTPUT,
 * ...)} to replace it. javac's Filer allows both for a class file it wrote itself (it refuses only
 * files the Filer opened for writing before, and inputs of the compilation), and so does
 * compile-testing's in-memory file manager.
 *
 * <p>In a multi-module compilation ({@code --module-source-path}) the Filer wants the module
 * name in front of the package; the plain form is tried first, then {@code module/package}.
 */
final class ClassOutput {
  private final Filer filer;
  private final Elements elements;

  ClassOutput(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  /** The bytes of the class file of {@code type} in the class output. */
  byte[] read(TypeElement type) throws IOException {
    IOException failure = null;
    for (String moduleAndPackage : moduleAndPackageForms(type)) {
      try {
        FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, moduleAndPackage,
            fileName(type));
        try (InputStream in = file.openInputStream()) {
          return in.readAllBytes();
        }
      } catch (FilerException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /** Replaces the class file of {@code type} in the class output with {@code classFile}. */
  void write(TypeElement type, byte[] classFile) throws IOException {
    IOException failure = null;
    for (String moduleAndPackage : moduleAndPackageForms(type)) {
      try {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, moduleAndPackage,
            fileName(type), type);
        try (OutputStream out = file.openOutputStream()) {
          out.write(classFile);
        }
        return;
      } catch (FilerException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /** Where the file is, for messages: {@code com/acme/Orders$Line.class}. */
  String describe(TypeElement type) {
    String pkg = packageName(type);
    return (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + fileName(type);
  }

  private List<String> moduleAndPackageForms(TypeElement type) {
    List<String> forms = new ArrayList<>();
    String pkg = packageName(type);
    forms.add(pkg);
    ModuleElement module = elements.getModuleOf(type);
    if (module != null && !module.isUnnamed()) {
      forms.add(module.getQualifiedName() + "/" + pkg);
    }
    return forms;
  }

  private String packageName(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  /** {@code Orders$Line.class}: the binary name without the package. */
  private String fileName(TypeElement type) {
    String binary = elements.getBinaryName(type).toString();
    String pkg = packageName(type);
    return (pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1)) + ".class";
  }
}
