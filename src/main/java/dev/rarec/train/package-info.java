/**
 * Training of the retriever f_ret: supervised fine-tuning on conversations ({@link dev.rarec.train.SftTrainer})
 * and the online, on-policy preference optimisation of section 3.3 ({@link dev.rarec.train.PreferenceTrainer}):
 * candidate sets are sampled from the retriever's Plackett-Luce policy, ranked by the frozen generator
 * ({@link dev.rarec.generator.Generator}), rewarded with NDCG and turned into a DPO, SimPO or GRPO
 * loss ({@link dev.rarec.train.PreferenceLoss}) added to the NLL term (eq. 6).
 *
 * <p>Trainers only see the {@link dev.rarec.retriever.TrainableRetriever} interface, never model blocks.
 * They do not print: everything is reported through {@link dev.rarec.train.TrainingListener}. Every run
 * keeps its best checkpoint by validation NDCG@10 and a last-state checkpoint to resume from.
 */
package dev.rarec.train;
