import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A tree of categories; each may name its reviewers (none: any holder of knowledge.review).
    CREATE TABLE knowledge_categories (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id bigint REFERENCES knowledge_categories(id),
      name text NOT NULL,
      name_en text,
      description text,
      reviewer_ids bigint[] NOT NULL DEFAULT '{}',
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX knowledge_categories_parent_idx ON knowledge_categories (parent_id);

    -- The article: its number, owner, counters, and a copy of its published version's searchable
    -- fields (search_vector: Chinese segmented in Node, weighted title A, tags B, body C).
    CREATE TABLE knowledge_articles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived', 'discarded')),
      owner_id bigint NOT NULL REFERENCES users(id),
      created_by bigint NOT NULL REFERENCES users(id),
      published_version_id bigint,
      title text NOT NULL,
      type text NOT NULL CHECK (type IN ('how_to', 'known_error', 'faq')),
      category_id bigint NOT NULL REFERENCES knowledge_categories(id),
      tags text[] NOT NULL DEFAULT '{}',
      system_ids bigint[] NOT NULL DEFAULT '{}',
      audience text NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'it_staff')),
      search_text text NOT NULL DEFAULT '',
      search_vector tsvector NOT NULL DEFAULT ''::tsvector,
      review_by date,
      -- The review_by date the owner was last reminded of: one reminder per date.
      review_notified_for date,
      published_at timestamptz,
      view_count int NOT NULL DEFAULT 0,
      helpful_count int NOT NULL DEFAULT 0,
      not_helpful_count int NOT NULL DEFAULT 0,
      application_count int NOT NULL DEFAULT 0,
      deflection_count int NOT NULL DEFAULT 0,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING gin (search_vector);
    CREATE INDEX knowledge_articles_title_trgm ON knowledge_articles USING gin (title gin_trgm_ops);
    CREATE INDEX knowledge_articles_number_trgm ON knowledge_articles USING gin (number gin_trgm_ops);
    CREATE INDEX knowledge_articles_tags_idx ON knowledge_articles USING gin (tags);
    CREATE INDEX knowledge_articles_systems_idx ON knowledge_articles USING gin (system_ids);
    CREATE INDEX knowledge_articles_category_idx ON knowledge_articles (category_id, status);
    CREATE INDEX knowledge_articles_published_idx ON knowledge_articles (status, published_at DESC);
    CREATE INDEX knowledge_articles_popular_idx ON knowledge_articles (status, view_count DESC);
    CREATE INDEX knowledge_articles_review_idx ON knowledge_articles (review_by) WHERE status = 'published';
    CREATE INDEX knowledge_articles_owner_idx ON knowledge_articles (owner_id);

    -- Every version of an article's content. At most one is being worked on (draft, submitted,
    -- rejected) at a time; the published one stays visible meanwhile.
    CREATE TABLE knowledge_versions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      article_id bigint NOT NULL REFERENCES knowledge_articles(id),
      revision int NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'rejected', 'published', 'superseded', 'archived', 'discarded')),
      title text NOT NULL,
      type text NOT NULL CHECK (type IN ('how_to', 'known_error', 'faq')),
      category_id bigint NOT NULL REFERENCES knowledge_categories(id),
      tags text[] NOT NULL DEFAULT '{}',
      system_ids bigint[] NOT NULL DEFAULT '{}',
      audience text NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'it_staff')),
      body_html text NOT NULL DEFAULT '',
      symptom_html text NOT NULL DEFAULT '',
      cause_html text NOT NULL DEFAULT '',
      workaround_html text NOT NULL DEFAULT '',
      fix_html text NOT NULL DEFAULT '',
      created_by bigint NOT NULL REFERENCES users(id),
      based_on_revision int,
      submitted_at timestamptz,
      reviewed_by bigint REFERENCES users(id),
      reviewed_at timestamptz,
      review_comment text,
      published_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (article_id, revision)
    );
    CREATE UNIQUE INDEX knowledge_versions_one_working ON knowledge_versions (article_id)
      WHERE status IN ('draft', 'submitted', 'rejected');
    CREATE INDEX knowledge_versions_queue_idx ON knowledge_versions (status, category_id, submitted_at);
    CREATE INDEX knowledge_versions_author_idx ON knowledge_versions (created_by, updated_at DESC);
    ALTER TABLE knowledge_articles ADD CONSTRAINT knowledge_articles_published_version_fk
      FOREIGN KEY (published_version_id) REFERENCES knowledge_versions(id);

    -- "Was this helpful": one vote per person, changeable.
    CREATE TABLE knowledge_votes (
      article_id bigint NOT NULL REFERENCES knowledge_articles(id),
      user_id bigint NOT NULL REFERENCES users(id),
      helpful boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, user_id)
    );

    -- Views, once per reader per article per day (authors and owners are not counted).
    CREATE TABLE knowledge_views (
      article_id bigint NOT NULL REFERENCES knowledge_articles(id),
      user_id bigint NOT NULL REFERENCES users(id),
      day date NOT NULL,
      PRIMARY KEY (article_id, user_id, day)
    );

    -- Self-service: "this solved my problem" ended a ticket submission. Once per person, article and day.
    CREATE TABLE knowledge_deflections (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      article_id bigint NOT NULL REFERENCES knowledge_articles(id),
      user_id bigint NOT NULL REFERENCES users(id),
      day date NOT NULL,
      query text,
      channel text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (article_id, user_id, day)
    );
    CREATE INDEX knowledge_deflections_created_idx ON knowledge_deflections (created_at);

    -- An article applied to resolve a record (a ticket now; incidents, faults… later). Once per record.
    CREATE TABLE knowledge_applications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      article_id bigint NOT NULL REFERENCES knowledge_articles(id),
      record_type text NOT NULL,
      record_id bigint NOT NULL,
      user_id bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (article_id, record_type, record_id)
    );
    CREATE INDEX knowledge_applications_record_idx ON knowledge_applications (record_type, record_id);
    CREATE INDEX knowledge_applications_created_idx ON knowledge_applications (created_at);
  `.execute(db);
}
