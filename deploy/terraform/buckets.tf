locals {
  buckets = {
    raw       = var.raw_bucket
    processed = var.processed_bucket
  }
}

resource "aws_s3_bucket" "platform" {
  for_each = local.buckets
  bucket   = each.value
}

resource "aws_s3_bucket_versioning" "platform" {
  for_each = aws_s3_bucket.platform
  bucket   = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "platform" {
  for_each = aws_s3_bucket.platform
  bucket   = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "platform" {
  for_each = aws_s3_bucket.platform
  bucket   = each.value.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "platform" {
  for_each = aws_s3_bucket.platform
  bucket   = each.value.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Raw ride files are read once by the batch job; keep them a while for reprocessing, then expire.
resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.platform["raw"].id

  rule {
    id     = "raw-rides"
    status = "Enabled"

    filter {}

    transition {
      days          = var.raw_data_infrequent_access_days
      storage_class = "STANDARD_IA"
    }

    expiration {
      days = var.raw_data_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 7
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}
