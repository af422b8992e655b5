export default function Page() {
  return <h1>run</h1>;
}
