package dev.taxiplatform.batch;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.FileNameSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's commit protocol for the batch job: each task attempt writes its files straight to their
 * final keys under names no other attempt uses, and the job's commit only reports, to the driver,
 * the files of the attempts Spark accepted ({@link #take}). Those files become visible when the
 * run's manifest names them (docs/decisions/0030): files of failed attempts and failed runs are
 * never named, and the next run removes them. There is no staging, rename or multipart completion
 * per file (docs/decisions/0095).
 */
public final class ManifestCommitProtocol extends FileCommitProtocol implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ManifestCommitProtocol.class);
  private static final Map<String, List<String>> COMMITTED = new ConcurrentHashMap<>();

  private final String jobId;
  private final String outputPath;

  /** This task attempt's files; each task works on its own deserialized copy. */
  private transient List<String> taskFiles;

  /** The constructor Spark calls ({@code FileCommitProtocol.instantiate}). */
  public ManifestCommitProtocol(
      String jobId, String outputPath, boolean dynamicPartitionOverwrite) {
    if (dynamicPartitionOverwrite) {
      throw new UnsupportedOperationException(
          "The batch job's commit protocol does not overwrite partitions: it only adds files");
    }
    this.jobId = jobId;
    this.outputPath = outputPath;
  }

  /**
   * Removes and returns the full paths of the files the last committed write under {@code
   * outputPath} produced (empty when none was committed there).
   */
  public static List<String> take(String outputPath) {
    List<String> files = COMMITTED.remove(normalized(outputPath));
    return files == null ? List.of() : files;
  }

  @Override
  public void setupJob(JobContext job) {}

  @Override
  public void setupTask(TaskAttemptContext task) {
    taskFiles = new ArrayList<>();
  }

  @Override
  public String newTaskTempFile(TaskAttemptContext task, Option<String> dir, FileNameSpec spec) {
    // Spark's task attempt ids are unique within the application and the job id is new for every
    // write, so a retried or speculative attempt never replaces another attempt's file.
    String name =
        "%spart-%05d-%s-%d%s"
            .formatted(
                spec.prefix(),
                task.getTaskAttemptID().getTaskID().getId(),
                jobId,
                task.getTaskAttemptID().getId(),
                spec.suffix());
    Path directory = dir.isDefined() ? new Path(outputPath, dir.get()) : new Path(outputPath);
    String file = new Path(directory, name).toString();
    taskFiles.add(file);
    return file;
  }

  @Override
  public String newTaskTempFileAbsPath(
      TaskAttemptContext task, String fullPath, FileNameSpec spec) {
    throw new UnsupportedOperationException(
        "The batch job writes no partitions at custom locations: " + fullPath);
  }

  @Override
  public TaskCommitMessage commitTask(TaskAttemptContext task) {
    return new TaskCommitMessage(new ArrayList<>(taskFiles));
  }

  @Override
  public void abortTask(TaskAttemptContext task) {
    // Best effort: no manifest names these files, and the next run removes whatever is left.
    for (String file : taskFiles == null ? List.<String>of() : taskFiles) {
      Path path = new Path(file);
      try {
        path.getFileSystem(task.getConfiguration()).delete(path, false);
      } catch (IOException e) {
        LOG.warn("Could not remove {} of an aborted task: {}", file, e.getMessage());
      }
    }
  }

  @Override
  public void commitJob(JobContext job, scala.collection.immutable.Seq<TaskCommitMessage> tasks) {
    List<String> files = new ArrayList<>();
    for (TaskCommitMessage message : CollectionConverters.asJava(tasks)) {
      @SuppressWarnings("unchecked")
      List<String> taskFiles = (List<String>) message.obj();
      files.addAll(taskFiles);
    }
    COMMITTED.put(normalized(outputPath), List.copyOf(files));
  }

  @Override
  public void abortJob(JobContext job) {
    COMMITTED.remove(normalized(outputPath));
  }

  private static String normalized(String path) {
    return new Path(path).toString();
  }
}
