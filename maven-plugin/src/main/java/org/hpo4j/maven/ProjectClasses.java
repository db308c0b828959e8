package org.hpo4j.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * The project's compiled classes and runtime dependencies, as paths and as a class loader, and its
 * output folder, which a tuned properties file is copied into.
 */
final class ProjectClasses {
    private ProjectClasses() {
    }

    /** The output folder and the runtime class path of {@code project}, existing entries only. */
    static List<Path> runtimeClasspath(MavenProject project) throws MojoExecutionException {
        try {
            List<Path> paths = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                File f = new File(element);
                if (f.exists()) {
                    paths.add(f.toPath());
                }
            }
            return paths;
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("cannot resolve the runtime class path of " + project.getId(), e);
        }
    }

    /**
     * The class path of a worker JVM: the plugin's own jars (hpo4j-tuner with its store drivers,
     * which the project does not depend on), then the project's. The plugin's come first, as in
     * {@link #loader}, whose parent is the plugin's class loader.
     *
     * @param pluginArtifacts the plugin's resolved dependencies ({@code ${plugin.artifacts}})
     */
    static List<Path> workerClasspath(List<Artifact> pluginArtifacts, List<Path> projectClasspath) {
        List<Path> paths = new ArrayList<>();
        for (Artifact a : pluginArtifacts) {
            if (a.getFile() != null && a.getFile().exists()) {
                paths.add(a.getFile().toPath());
            }
        }
        for (Path p : projectClasspath) {
            if (!paths.contains(p)) {
                paths.add(p);
            }
        }
        return paths;
    }

    /**
     * A class loader over {@code classpath} whose parent is the plugin's own: the project's classes
     * then see the plugin's copy of the hpo4j runtime, the one the tuner talks to.
     */
    static URLClassLoader loader(List<Path> classpath) throws MojoExecutionException {
        URL[] urls = new URL[classpath.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = classpath.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new MojoExecutionException("bad class path entry: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls, ProjectClasses.class.getClassLoader());
    }

    /** Work done with the project's class loader; may fail as a goal fails. */
    @FunctionalInterface
    interface LoaderTask<T> {
        T run(URLClassLoader loader) throws MojoExecutionException, MojoFailureException;
    }

    /** Runs {@code task} with a class loader over {@code classpath} and closes it after. */
    static <T> T withLoader(List<Path> classpath, LoaderTask<T> task)
            throws MojoExecutionException, MojoFailureException {
        try (URLClassLoader loader = loader(classpath)) {
            return task.run(loader);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot close the project's class loader", e);
        }
    }

    /**
     * A file written into a resource folder of {@code project} also goes to its output folder, so
     * that running the program right after tuning (without another build) loads it.
     */
    static void copyToOutputDirectory(MavenProject project, Path written) throws MojoExecutionException {
        if (written == null) {
            return;
        }
        for (Resource resource : project.getResources()) {
            Path dir = Path.of(resource.getDirectory()).toAbsolutePath().normalize();
            Path file = written.toAbsolutePath().normalize();
            if (file.startsWith(dir) && resource.getTargetPath() == null) {
                Path target = Path.of(project.getBuild().getOutputDirectory()).resolve(dir.relativize(file).toString());
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new MojoExecutionException("cannot copy " + file + " to " + target, e);
                }
                return;
            }
        }
    }
}
