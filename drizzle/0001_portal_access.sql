CREATE TABLE "portal_login_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"portal_user_id" uuid NOT NULL,
	"browser_binding_hash" "bytea" NOT NULL,
	"task_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD COLUMN "challenge_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_login_challenges" ADD CONSTRAINT "portal_login_challenges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_login_challenges" ADD CONSTRAINT "portal_login_challenges_portal_user_id_portal_users_id_fk" FOREIGN KEY ("portal_user_id") REFERENCES "public"."portal_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_login_challenges_browser_binding_hash_index" ON "portal_login_challenges" USING btree ("browser_binding_hash");--> statement-breakpoint
CREATE INDEX "portal_login_challenges_portal_user_id_index" ON "portal_login_challenges" USING btree ("portal_user_id");--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_challenge_id_portal_login_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."portal_login_challenges"("id") ON DELETE cascade ON UPDATE no action;